package dev.authbridge.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where the machine's CPU went during one measured window, in CPU-seconds: the server processes
 * (and, inside them, the embedded directory's threads, the JIT's and the JVM's own), an external directory
 * server, the bench itself, and the rest of the machine — "something else", which must stay
 * small for a figure to reproduce. NaN where a process could not be measured.
 *
 * @param seconds wall-clock length of the window
 * @param capacity the machine's CPU-seconds in the window (cores × seconds)
 * @param machineBusy every process's and the kernel's CPU in the window
 * @param steal CPU the hypervisor gave to other machines meanwhile
 * @param server every server process (authbridge, with the embedded directory if any)
 * @param directoryThreads the embedded directory's threads inside the server processes
 * @param jitThreads the JIT compiler threads of the server processes (inside {@code server}): still
 *     busy in a measured window means the JIT had not settled
 * @param jvmThreads the GC and VM threads of the server processes (inside {@code server})
 * @param externalDirectory an external directory server's process (0 with the embedded one)
 * @param bench the load generator, this JVM
 */
record CpuUsage(double seconds, double capacity, double machineBusy, double steal, double server,
        double directoryThreads, double jitThreads, double jvmThreads, double externalDirectory, double bench) {

    /** Above this share of the machine, the rest of the machine disturbed the figures. */
    static final double NOISE_LIMIT = 0.10;

    /** authbridge's own CPU: the server processes without the embedded directory's threads. */
    @JsonProperty
    double authbridge() {
        return server - directoryThreads;
    }

    /** The directory's CPU, embedded (its threads) or external (its process). */
    @JsonProperty
    double directory() {
        return directoryThreads + externalDirectory;
    }

    /** CPU the machine spent on anything but the server, the directory and the bench. */
    @JsonProperty
    double other() {
        return machineBusy - server - externalDirectory - bench;
    }

    @JsonProperty
    double otherShare() {
        return other() / capacity;
    }

    /** The JIT compilers' share of the server's CPU: high in a measured window, the JIT kept compiling. */
    @JsonProperty
    double jitShare() {
        return jitThreads / server;
    }

    @JsonProperty
    double stealShare() {
        return steal / capacity;
    }

    /** True when something else (or the hypervisor) took more than 10 % of the machine, or that is unknown. */
    @JsonProperty
    boolean noisy() {
        return !(otherShare() <= NOISE_LIMIT) || !(stealShare() <= NOISE_LIMIT);
    }

    /** Milliseconds of CPU per operation, for a CPU-seconds figure of this window. */
    static double msPer(double cpuSeconds, long operations) {
        return operations == 0 ? Double.NaN : cpuSeconds * 1000 / operations;
    }
}
