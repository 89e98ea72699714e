package dev.authbridge.lockout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Turns per key: one at a time, bounded waiting, nothing kept once no one waits. */
class AttemptPermitsTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** Runs on another thread (a turn belongs to the thread that took it); rethrows what it threw. */
    private <T> T elsewhere(Callable<T> work) throws Exception {
        try {
            return threads.submit(work).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Test
    void enterWhenManyAtOnceThenOneAtATimeAndNothingLeftAfterwards() throws Exception {
        AttemptPermits permits = new AttemptPermits(Duration.ofSeconds(10));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            done.add(threads.submit(() -> {
                try (LoginThrottle.Permit turn = permits.enter("k", false)) {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.sleep(2);
                    inside.decrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertEquals(1, most.get());
        assertEquals(0, permits.size(), "no entry once no one holds or waits");
    }

    @Test
    void enterWhenSharedThenTogetherButNeverBesideAnExclusiveOne() throws Exception {
        AttemptPermits permits = new AttemptPermits(Duration.ofMillis(200));
        try (LoginThrottle.Permit reading = permits.enter("k", true)) {
            assertTrue(elsewhere(() -> {
                permits.enter("k", true).close();
                return true;
            }), "two shared turns at once");
            assertThrows(AttemptsBusyException.class, () -> elsewhere(() -> permits.enter("k", false)),
                    "an exclusive turn waits for the shared one, here longer than it may");
            assertTrue(elsewhere(() -> {
                permits.enter("other", false).close();
                return true;
            }), "keys do not wait for each other");
        }
        assertEquals(0, permits.size());
    }

    @Test
    void enterWhenTooManyWaitThenRefusedAtOnce() throws Exception {
        AttemptPermits permits = new AttemptPermits(Duration.ofSeconds(20));
        List<Future<?>> waiting = new ArrayList<>();
        try (LoginThrottle.Permit held = permits.enter("k", false)) {
            for (int i = 0; i < AttemptPermits.MAX_WAITING; i++) {
                waiting.add(threads.submit(() -> {
                    permits.enter("k", false).close();
                    return null;
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (permits.attempts("k") < AttemptPermits.MAX_WAITING + 1 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(AttemptPermits.MAX_WAITING + 1, permits.attempts("k"));
            long started = System.nanoTime();
            assertThrows(AttemptsBusyException.class, () -> elsewhere(() -> permits.enter("k", false)));
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(2), "refused without waiting");
        }
        for (Future<?> f : waiting) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertEquals(0, permits.size());
    }

    @Test
    void enterWhenTheTurnDoesNotComeInTimeThenRefusedAfterTheWait() throws Exception {
        AttemptPermits permits = new AttemptPermits(Duration.ofMillis(100));
        try (LoginThrottle.Permit held = permits.enter("k", false)) {
            long started = System.nanoTime();
            assertThrows(AttemptsBusyException.class, () -> elsewhere(() -> permits.enter("k", false)));
            long waited = System.nanoTime() - started;
            assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(90) && waited < TimeUnit.SECONDS.toNanos(5),
                    "waited " + waited / 1_000_000 + " ms");
            assertEquals(1, permits.attempts("k"), "the one that gave up left");
        }
        assertEquals(0, permits.size());
    }
}
