package dev.authbridge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One scenario's figures, as reported and written to the JSON report: throughput, latency
 * percentiles, errors, CPU per operation (authbridge's own, the directory's, and inside
 * authbridge's the JIT's and the GC's), the CPU accounting of its window and its warm-up check.
 *
 * @param limit the scenario that bounds this one (null for a limit itself)
 */
record ScenarioResult(String name, String limit, double throughput, long operations, long errors, double p50Ms,
        double p90Ms, double p99Ms, double maxMs, double authbridgeCpuMsPerOp, double directoryCpuMsPerOp,
        double jitCpuMsPerOp, double jvmCpuMsPerOp, double benchCpuMsPerOp, CpuUsage cpu, WarmUp.Outcome warmUp, List<Double> perSecond) {

    /** Which limit bounds which scenario: sign-ins by the directory, the rest by the HTTP stack. */
    private static final Map<String, String> LIMITS = Map.of(
            "password", DirectoryRate.NAME,
            "refresh", "http-ceiling",
            "client_credentials", "http-ceiling",
            "userinfo", "http-ceiling",
            "jwt-userinfo", "http-ceiling",
            "jwt-userinfo-eddsa", "http-ceiling",
            "mixed", "http-ceiling");

    static ScenarioResult of(String name, LoadRunner.Result r) {
        CpuUsage c = r.cpu();
        long ops = r.operations();
        return new ScenarioResult(name, LIMITS.get(name), r.throughput(), ops, r.errors(), r.percentileMillis(50),
                r.percentileMillis(90), r.percentileMillis(99), r.percentileMillis(100),
                CpuUsage.msPer(c.authbridge(), ops), CpuUsage.msPer(c.directory(), ops),
                CpuUsage.msPer(c.jitThreads(), ops),
                CpuUsage.msPer(c.jvmThreads(), ops), CpuUsage.msPer(c.bench(), ops), c, r.warmUp(), r.perSecond());
    }

    /** Why this scenario's figures may not be published; empty when they may. */
    List<String> unpublishable() {
        List<String> why = new ArrayList<>();
        if (Double.isNaN(cpu.otherShare())) {
            why.add(name + ": the server's or the directory's CPU is unknown, so the rest of the machine is too");
        } else if (cpu.otherShare() > CpuUsage.NOISE_LIMIT) {
            why.add(String.format(Locale.ROOT, "%s: something else used %.0f %% of the machine's CPU",
                    name, 100 * cpu.otherShare()));
        }
        if (cpu.stealShare() > CpuUsage.NOISE_LIMIT) {
            why.add(String.format(Locale.ROOT, "%s: the hypervisor stole %.0f %% of the CPU", name, 100 * cpu.stealShare()));
        }
        if (!warmUp.settled()) {
            why.add(name + ": the warm-up did not settle (its last " + WarmUp.STEADY_SECONDS
                    + " seconds and the first measured one were never within 10 % of each other)");
        }
        return why;
    }
}
