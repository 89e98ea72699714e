package dev.authbridge.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * One process's CPU split by thread, over a window: which of it went to the embedded directory's
 * threads, to the JIT compilers and to the JVM's other own threads (GC, VM thread). {@link #sample()} is called
 * every second so that a thread that ends inside the window keeps the CPU it was last seen with
 * (the process total keeps a dead thread's time, a thread listing does not), and a thread born in
 * the window counts from zero.
 */
final class ThreadCpu {
    /** What a thread works for, from its name. */
    enum Kind { DIRECTORY, JIT, JVM, OTHER }

    private final long pid;
    private final Map<Long, Seen> threads = new HashMap<>();

    private static final class Seen {
        final Kind kind;
        final double first;
        double last;

        Seen(Kind kind, double first) {
            this.kind = kind;
            this.first = first;
            this.last = first;
        }
    }

    ThreadCpu(long pid) {
        this.pid = pid;
        for (long tid : Proc.threadIds(pid)) {
            double now = Proc.threadSeconds(pid, tid);
            if (!Double.isNaN(now)) {
                threads.put(tid, new Seen(kind(Proc.threadName(pid, tid)), now));
            }
        }
    }

    void sample() {
        for (long tid : Proc.threadIds(pid)) {
            double now = Proc.threadSeconds(pid, tid);
            if (Double.isNaN(now)) {
                continue;
            }
            Seen seen = threads.computeIfAbsent(tid, t -> new Seen(kind(Proc.threadName(pid, t)), 0));
            seen.last = Math.max(seen.last, now);
        }
    }

    /** CPU seconds the threads of one kind used since this object was made (up to the last sample). */
    double seconds(Kind kind) {
        double sum = 0;
        for (Seen s : threads.values()) {
            if (s.kind == kind) {
                sum += s.last - s.first;
            }
        }
        return sum;
    }

    /**
     * The UnboundID in-memory directory server runs every operation on the connection's reader
     * thread, "LDAPListener client connection reader for connection from …", and accepts on
     * "LDAP Listener Thread (listening on port …)" (the kernel keeps the first 15 bytes of a name).
     * authbridge's own LDAP client threads are "Connection reader for connection …" and stay
     * authbridge's.
     */
    static Kind kind(String threadName) {
        if (threadName.startsWith("LDAPListener") || threadName.startsWith("LDAP Listener")) {
            return Kind.DIRECTORY;
        }
        if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) {
            return Kind.JIT;
        }
        if (threadName.startsWith("VM Thread") || threadName.startsWith("GC Thread")
                || threadName.startsWith("G1 ") || threadName.startsWith("VM Periodic")
                || threadName.startsWith("Sweeper thread")) {
            return Kind.JVM;
        }
        return Kind.OTHER;
    }
}
