package dev.authbridge.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the bench prints: a line per scenario as it ends, then the tables, the goals and the verdict. */
final class Report {
    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void header(Machine machine, String server, String directory, Options o) {
        out.println("machine    " + machine.describe());
        out.println("server     " + server);
        out.println("directory  " + directory);
        printf("load       %d keep-alive connections; per scenario a warm-up of %d–%d s (until its last 3 seconds and"
                + " the first measured one are within 10 %%, with the JIT compilers at most %.0f %% of the machine in each), then %d s measured%n%n",
                o.connections(), o.warmupMin(), o.warmupMax(), 100 * WarmUp.JIT_QUIET, o.duration().toSeconds());
    }

    /** The line printed as soon as a scenario ends, with a loud warning when it is not publishable. */
    void scenario(ScenarioResult s) {
        WarmUp.Outcome w = s.warmUp();
        printf("%-19s %9.0f ops/s, p99 %.2f ms; warm-up %d s, last %.0f/s, first measured %.0f/s (%+.1f %%)%s;"
                        + " something else %.1f %% of the CPU%n",
                s.name(), s.throughput(), s.p99Ms(), w.warmupSeconds(), w.lastWarmup(), w.firstMeasured(),
                100 * w.change(), w.settled() ? "" : " NOT SETTLED", 100 * s.cpu().otherShare());
        if (s.cpu().jitShare() > 0.10) {
            printf("    note: the JIT compilers used %.0f %% of the server's CPU in this window (they kept compiling)%n",
                    100 * s.cpu().jitShare());
        }
        for (String why : s.unpublishable()) {
            out.println("!!! WARNING: " + why + " — these figures are not publishable");
        }
    }

    void summary(RunResult run) {
        printf("%n%-19s %9s %7s %7s %7s %8s %6s %12s %12s %9s%n", "scenario", "ops/s", "p50 ms", "p90 ms", "p99 ms",
                "max ms", "errors", "ab CPU ms/op", "dir CPU ms/op", "ratio");
        for (ScenarioResult s : run.scenarios().values()) {
            Double ratio = run.ratio(s.name());
            printf("%-19s %9.0f %7.2f %7.2f %7.2f %8.2f %6d %12s %12s %9s%n", s.name(), s.throughput(), s.p50Ms(),
                    s.p90Ms(), s.p99Ms(), s.maxMs(), s.errors(), ms(s.authbridgeCpuMsPerOp()), ms(s.directoryCpuMsPerOp()),
                    s.limit() == null ? "limit" : ratio == null ? "-" : String.format(Locale.ROOT, "%.2f", ratio));
        }
        out.println("ratio: ops/s divided by the limit's (password/directory, the others/http-ceiling);"
                + " ab = authbridge's own CPU, dir = the directory server's, per operation.");

        printf("%nCPU in each measured window, CPU-seconds (capacity = cores × seconds)%n");
        printf("%-19s %8s %8s %8s %8s %8s %8s %8s %8s %8s%n", "scenario", "capacity", "server", "(dir)", "(jit)", "ext dir",
                "bench", "other", "other %", "steal %");
        for (ScenarioResult s : run.scenarios().values()) {
            CpuUsage c = s.cpu();
            printf("%-19s %8.2f %8s %8s %8s %8s %8.2f %8s %8s %8.1f%n", s.name(), c.capacity(), num(c.server()),
                    num(c.directoryThreads()), num(c.jitThreads()), num(c.externalDirectory()), c.bench(), num(c.other()),
                    pct(c.otherShare()), 100 * c.stealShare());
        }
        out.println("server = the authbridge process(es), (dir) = the embedded directory's threads inside it,"
                + " (jit) = its JIT compilers, ext dir = an external directory's process, other = the machine's busy time less all of these.");

        printf("%nwarm-up: the last %d warm-up seconds and the first measured one must be within 10 %% of the last,"
                + " with the JIT compilers at most %.0f %% of the machine in each%n", WarmUp.STEADY_SECONDS, 100 * WarmUp.JIT_QUIET);
        for (ScenarioResult s : run.scenarios().values()) {
            WarmUp.Outcome w = s.warmUp();
            List<Double> r = w.warmupRates();
            String last = r.subList(Math.max(0, r.size() - WarmUp.STEADY_SECONDS), r.size()).stream()
                    .map(v -> String.format(Locale.ROOT, "%.0f", v)).collect(Collectors.joining(", "));
            printf("%-19s %3d s warm-up, last %s/s, first measured %.0f/s (%+.1f %%)  %s%n", s.name(),
                    w.warmupSeconds(), last, w.firstMeasured(), 100 * w.change(),
                    w.settled() ? "settled" : "NOT SETTLED (cap reached)");
        }
        if (!Double.isNaN(run.readySeconds()) || !Double.isNaN(run.peakRssMb())) {
            printf("%nauthbridge: ready %s, peak RSS %s%n", Double.isNaN(run.readySeconds()) ? "not measured (already running)"
                    : String.format(Locale.ROOT, "%.2f s after launch", run.readySeconds()), num(run.peakRssMb()) + " MB");
        }
        goals(run.goals());
        verdict(run.unpublishable());
    }

    private void goals(List<Goals.Goal> goals) {
        printf("%ngoals (issue 14)%n");
        for (Goals.Goal g : goals) {
            printf("  %-4s  %-46s %s%n", g.verdict(), g.goal(), g.measured());
        }
    }

    private void verdict(List<String> why) {
        if (why.isEmpty()) {
            printf("%npublishable: in every window something else used at most 10 %% of the CPU, and every warm-up settled%n");
            return;
        }
        printf("%n!!! NOT PUBLISHABLE — these figures would not reproduce:%n");
        why.forEach(w -> out.println("!!!   " + w));
    }

    private void printf(String format, Object... args) {
        out.printf(Locale.ROOT, format, args);
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String pct(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f", 100 * share);
    }
}
