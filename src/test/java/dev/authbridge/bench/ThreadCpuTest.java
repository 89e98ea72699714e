package dev.authbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Splitting a process's CPU by thread: the embedded directory's, the JVM's, the rest. */
class ThreadCpuTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "LDAPListener cl | DIRECTORY",   // in-memory server: a connection's operations
            "LDAP Listener T | DIRECTORY",   // in-memory server: accepting
            "Connection read | OTHER",       // authbridge's own LDAP client
            "JettyServerThre | OTHER",
            "C2 CompilerThre | JIT",
            "C1 CompilerThre | JIT",
            "VM Thread       | JVM",         // also the serial collector's
            "GC Thread#0     | JVM",
            "G1 Conc#0       | JVM",
            "store-purger    | OTHER"})
    void kindWhenThreadNamedThenItsOwner(String name, ThreadCpu.Kind kind) {
        assertEquals(kind, ThreadCpu.kind(name.strip()));
    }

    @Test
    void secondsWhenDirectoryThreadWorksInsideTheWindowAndEndsThenItsCpuStaysCounted() throws Exception {
        long self = ProcessHandle.current().pid();
        ThreadCpu split = new ThreadCpu(self);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] cpuNanos = {0};
        Thread worker = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (mx.getCurrentThreadCpuTime() < 300_000_000L && System.nanoTime() < deadline) {
                ProcTest.spin(10);
            }
            split.sample();   // the last sample that sees it alive, as the bench's per-second one would
            cpuNanos[0] = mx.getCurrentThreadCpuTime();
        }, "LDAPListener client connection reader for connection from test");
        worker.start();
        worker.join(30_000);
        split.sample();       // it is gone now: what it was last seen with stays

        double tick = 1 / Proc.TICKS_PER_SECOND;
        double measured = split.seconds(ThreadCpu.Kind.DIRECTORY);
        assertTrue(cpuNanos[0] >= 300_000_000L, "the worker got " + cpuNanos[0] + " ns of CPU in 20 s");
        assertTrue(measured >= cpuNanos[0] / 1e9 - 2 * tick && measured <= cpuNanos[0] / 1e9 + 2 * tick,
                "directory threads " + measured + " s, the thread itself " + cpuNanos[0] / 1e9 + " s");
    }
}
