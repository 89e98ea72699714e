package dev.authbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the bench reads from /proc, read from this JVM's own entries. */
class ProcTest {
    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void parseStatSecondsWhenNameHoldsSpacesAndParenthesesThenUtimePlusStime() {
        String stat = "4131 (Jetty (x) y) S 1 4131 4131 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 40 0 123 0 0";
        assertEquals(300 / Proc.TICKS_PER_SECOND, Proc.parseStatSeconds(stat), 1e-9);
    }

    @Test
    void threadNameWhenJavaThreadNamedThenTheKernelHasItsFirst15Bytes() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stop = new CountDownLatch(1);
        long[] tid = {0};
        Thread t = new Thread(() -> {
            tid[0] = nativeId();
            started.countDown();
            try {
                stop.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "LDAPListener client connection reader for connection from test");
        t.start();
        try {
            assertTrue(started.await(10, TimeUnit.SECONDS));
            assertEquals("LDAPListener cl", Proc.threadName(SELF, tid[0]));
            assertTrue(Arrays.stream(Proc.threadIds(SELF)).anyMatch(id -> id == tid[0]));
            assertFalse(Double.isNaN(Proc.threadSeconds(SELF, tid[0])));
        } finally {
            stop.countDown();
            t.join(10_000);
        }
    }

    @Test
    void processSecondsWhenThisJvmWorksThenItGrows() {
        double before = Proc.processSeconds(SELF);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        double after = before;
        while (after - before < 0.05 && System.nanoTime() < deadline) {
            spin(10);
            after = Proc.processSeconds(SELF);
        }
        assertTrue(after - before >= 0.05, "CPU seconds grew by " + (after - before));
    }

    @Test
    void readingsWhenProcessGoneThenNaNZeroOrEmpty() {
        long gone = Long.MAX_VALUE;
        assertTrue(Double.isNaN(Proc.processSeconds(gone)));
        assertEquals(0, Proc.statusKb(gone, "VmHWM"));
        assertTrue(Proc.commandLine(gone).isEmpty());
        assertEquals(0, Proc.threadIds(gone).length);
    }

    @Test
    void statusKbWhenThisJvmThenItsPeakResidentMemory() {
        long hwm = Proc.statusKb(SELF, "VmHWM");
        assertTrue(hwm > 1024 && hwm >= Proc.statusKb(SELF, "VmRSS"), "VmHWM " + hwm);
    }

    /** The kernel's id of the calling thread: the one /proc/self/task lists (Java 17 has no API for it). */
    static long nativeId() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self"))
                    .getFileName().toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void spin(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long x = 0;
        while (System.nanoTime() < end) {
            x += System.identityHashCode(new Object());
        }
        if (x == 42) {
            System.out.print("");
        }
    }
}
