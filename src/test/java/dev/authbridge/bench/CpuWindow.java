package dev.authbridge.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures {@link CpuUsage} over a window: {@link #begin()} at its start (again at a restart),
 * {@link #sample()} every second (for threads that end inside it), {@link #end()} at its end.
 */
final class CpuWindow {
    private final List<Long> serverPids;
    private final boolean embeddedDirectory;
    private final Long directoryPid;
    private final long self = ProcessHandle.current().pid();

    private long startNanos;
    private MachineLoad machine;
    private double server;
    private double directory;
    private double bench;
    private List<ThreadCpu> threads = List.of();
    private final JitActivity jit;

    /**
     * @param serverPids the server processes (empty: unknown)
     * @param embeddedDirectory whether the directory runs inside the server processes
     * @param directoryPid an external directory server's process (null: unknown, or embedded)
     */
    CpuWindow(List<Long> serverPids, boolean embeddedDirectory, Long directoryPid) {
        this.serverPids = List.copyOf(serverPids);
        this.embeddedDirectory = embeddedDirectory;
        this.directoryPid = directoryPid;
        this.jit = new JitActivity(serverPids, Runtime.getRuntime().availableProcessors());
    }

    /** The server's JIT compilers' share of the machine since the last call (NaN: no server pid known). */
    double jitShare() {
        return jit.share();
    }

    void begin() {
        List<ThreadCpu> t = new ArrayList<>();
        for (long pid : serverPids) {
            t.add(new ThreadCpu(pid));
        }
        threads = t;
        startNanos = System.nanoTime();
        machine = MachineLoad.now();
        server = serverSeconds();
        directory = directorySeconds();
        bench = Proc.processSeconds(self);
    }

    void sample() {
        threads.forEach(ThreadCpu::sample);
    }

    CpuUsage end() {
        MachineLoad m = MachineLoad.now().minus(machine);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double srv = serverSeconds() - server;
        double dir = directorySeconds() - directory;
        double self = Proc.processSeconds(this.self) - bench;
        sample();
        double dirThreads = 0;
        double jit = 0;
        double jvm = 0;
        for (ThreadCpu t : threads) {
            dirThreads += t.seconds(ThreadCpu.Kind.DIRECTORY);
            jit += t.seconds(ThreadCpu.Kind.JIT);
            jvm += t.seconds(ThreadCpu.Kind.JVM);
        }
        if (serverPids.isEmpty()) {
            dirThreads = Double.NaN;
            jit = Double.NaN;
            jvm = Double.NaN;
        }
        return new CpuUsage(seconds, m.total(), m.busy(), m.steal(), srv, dirThreads, jit, jvm, dir, self);
    }

    private double serverSeconds() {
        if (serverPids.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (long pid : serverPids) {
            sum += Proc.processSeconds(pid);
        }
        return sum;
    }

    private double directorySeconds() {
        if (embeddedDirectory) {
            return 0;
        }
        return directoryPid == null ? Double.NaN : Proc.processSeconds(directoryPid);
    }
}
