package dev.authbridge.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How busy the server processes' JIT compilers were since the last look, as a share of the
 * machine: what {@link WarmUp} needs to tell a settled JIT from one still competing with the
 * load. A compiler thread that ends between two looks loses only its time since the last one.
 */
final class JitActivity {
    private final List<Long> pids;
    private final int cores;
    private final Map<String, Double> seen = new HashMap<>();
    private long lastNanos = System.nanoTime();

    JitActivity(List<Long> pids, int cores) {
        this.pids = List.copyOf(pids);
        this.cores = cores;
        share();
    }

    /** The compilers' CPU since the previous call over cores × the time since then; NaN with no pids known. */
    double share() {
        if (pids.isEmpty()) {
            return Double.NaN;
        }
        double used = 0;
        for (long pid : pids) {
            for (long tid : Proc.threadIds(pid)) {
                if (ThreadCpu.kind(Proc.threadName(pid, tid)) != ThreadCpu.Kind.JIT) {
                    continue;
                }
                double now = Proc.threadSeconds(pid, tid);
                if (Double.isNaN(now)) {
                    continue;
                }
                Double before = seen.put(pid + "/" + tid, now);
                used += now - (before == null ? 0 : before);
            }
        }
        long nanos = System.nanoTime();
        double capacity = cores * ((nanos - lastNanos) / 1e9);
        lastNanos = nanos;
        return capacity <= 0 ? 0 : Math.max(0, used) / capacity;
    }
}
