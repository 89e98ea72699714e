package dev.authbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The closed loop: what is recorded is exactly what completed inside the measured window. */
class LoadRunnerTest {

    /** Sleeps 2 ms per operation; every other operation fails. */
    private static LoadRunner.ClientFactory clients(AtomicInteger open) {
        return index -> {
            open.incrementAndGet();
            int[] n = {0};
            return new LoadRunner.Client() {
                @Override
                public boolean step() throws InterruptedException {
                    Thread.sleep(2);
                    return n[0]++ % 2 == 0;
                }

                @Override
                public void close() {
                    open.decrementAndGet();
                }
            };
        };
    }

    @Test
    void runWhenWindowMeasuredThenEveryRecordedOperationInsideItAndClientsClosed() throws Exception {
        AtomicInteger open = new AtomicInteger();
        LoadRunner runner = new LoadRunner(4, Duration.ofSeconds(2), 1, 3);
        LoadRunner.Result r = runner.run(clients(open), new CpuWindow(List.of(), true, null));

        assertEquals(0, open.get(), "every client closed");
        assertEquals(r.operations(), r.latenciesNanos().length);
        assertEquals(2, r.perSecond().size());
        assertTrue(r.seconds() >= 1.99 && r.seconds() < 4, "window " + r.seconds() + " s");
        assertTrue(r.warmUp().warmupSeconds() >= 1 && r.warmUp().warmupSeconds() <= 3);
        // 4 clients at ≤ 500 operations/s each: the window holds no warm-up operation
        assertTrue(r.operations() > 0 && r.operations() <= 4 * 500 * r.seconds() + 4, "operations " + r.operations());
        // each client alternates success and failure
        assertTrue(Math.abs(r.errors() - r.operations() / 2.0) <= 4, r.errors() + " errors of " + r.operations());
        assertTrue(r.latenciesNanos()[0] >= 2_000_000L, "an operation sleeps 2 ms");
        assertTrue(r.percentileMillis(50) <= r.percentileMillis(99) && r.percentileMillis(99) <= r.percentileMillis(100));
    }

    @Test
    void runWhenServerCpuUnknownThenNaNAndTheWindowNoisy() throws Exception {
        LoadRunner runner = new LoadRunner(1, Duration.ofSeconds(1), 1, 1);
        LoadRunner.Result r = runner.run(clients(new AtomicInteger()), new CpuWindow(List.of(), false, null));
        assertTrue(Double.isNaN(r.cpu().server()));
        assertTrue(r.cpu().noisy());
        assertTrue(r.cpu().capacity() > 0 && r.cpu().bench() >= 0);
    }
}
