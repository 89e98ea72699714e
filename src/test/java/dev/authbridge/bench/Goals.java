package dev.authbridge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The goals of the second performance round (issue 14), each checked against one run's figures.
 * A goal whose figures the run does not have (a scenario left out, a server not started here)
 * is "not measured", neither passed nor failed.
 */
final class Goals {
    static final double P99_MS = 25;
    static final double READY_SECONDS = 1.5;
    static final double PEAK_RSS_MB = 256;

    /** One checked goal; {@code pass} is null when the run did not measure it. */
    record Goal(String goal, String measured, Boolean pass) {
        String verdict() {
            return pass == null ? "n/a" : pass ? "PASS" : "FAIL";
        }
    }

    private Goals() {}

    static List<Goal> check(RunResult run) {
        List<Goal> goals = new ArrayList<>();
        goals.add(ratio(run, "password", 0.6));
        goals.add(signInCpu(run));
        goals.add(ratio(run, "refresh", 0.3));
        goals.add(ratio(run, "client_credentials", 0.4));
        goals.add(ratio(run, "userinfo", 0.6));
        // "ES256 or EdDSA where the client allows": judged on a client that allows EdDSA.
        goals.add(ratio(run, "jwt-userinfo-eddsa", 0.3));
        run.scenarios().values().stream().filter(s -> !s.name().equals(DirectoryRate.NAME)).forEach(s -> goals.add(
                new Goal("p99 ≤ 25 ms: " + s.name(), fmt("%.2f ms", s.p99Ms()), s.p99Ms() <= P99_MS)));
        run.scenarios().values().forEach(s -> goals.add(
                new Goal("zero errors: " + s.name(), s.errors() + " of " + s.operations(), s.errors() == 0)));
        goals.add(new Goal("ready ≤ 1.5 s after launch", Double.isNaN(run.readySeconds()) ? "not measured (--url)"
                : fmt("%.2f s", run.readySeconds()), known(run.readySeconds(), run.readySeconds() <= READY_SECONDS)));
        goals.add(new Goal("peak RSS ≤ 256 MB", Double.isNaN(run.peakRssMb()) ? "unknown (no server pid)"
                : fmt("%.0f MB", run.peakRssMb()), known(run.peakRssMb(), run.peakRssMb() <= PEAK_RSS_MB)));
        return goals;
    }

    private static Goal ratio(RunResult run, String scenario, double atLeast) {
        ScenarioResult s = run.scenarios().get(scenario);
        String name = fmt("%s ≥ %.1f × %s", scenario, atLeast, s == null ? "its limit" : s.limit());
        Double ratio = run.ratio(scenario);
        if (ratio == null) {
            return new Goal(name, "not measured", null);
        }
        ScenarioResult limit = run.scenarios().get(s.limit());
        return new Goal(name, fmt("%.2f (%.0f/s of %.0f/s)", ratio, s.throughput(), limit.throughput()), ratio >= atLeast);
    }

    private static Goal signInCpu(RunResult run) {
        String name = "authbridge CPU per sign-in ≤ the directory's";
        ScenarioResult s = run.scenarios().get("password");
        if (s == null || Double.isNaN(s.authbridgeCpuMsPerOp()) || Double.isNaN(s.directoryCpuMsPerOp())) {
            return new Goal(name, s == null ? "not measured" : "CPU unknown", null);
        }
        return new Goal(name, fmt("%.3f ms vs %.3f ms", s.authbridgeCpuMsPerOp(), s.directoryCpuMsPerOp()),
                s.authbridgeCpuMsPerOp() <= s.directoryCpuMsPerOp());
    }

    private static Boolean known(double value, boolean pass) {
        return Double.isNaN(value) ? null : pass;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
