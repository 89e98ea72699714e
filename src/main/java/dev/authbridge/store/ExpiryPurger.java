package dev.authbridge.store;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired rows of one or more stores every {@code interval} on one daemon thread. Each
 * task runs on its own: one failing (the store briefly unavailable) is logged and neither stops
 * the others nor the schedule.
 */
public final class ExpiryPurger implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExpiryPurger.class);

    private final ScheduledExecutorService executor;

    private ExpiryPurger(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /**
     * @param tasks what each task deletes (for logs) → the task, returning how many rows it deleted
     */
    public static ExpiryPurger start(String threadName, Duration interval, Map<String, IntSupplier> tasks) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("purge interval must be positive: " + interval);
        }
        List<Map.Entry<String, IntSupplier>> ordered = List.copyOf(tasks.entrySet());
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> ordered.forEach(t -> run(t.getKey(), t.getValue(), interval)),
                millis, millis, TimeUnit.MILLISECONDS);
        return new ExpiryPurger(executor);
    }

    private static void run(String what, IntSupplier task, Duration interval) {
        try {
            int purged = task.getAsInt();
            if (purged > 0) {
                log.debug("purged {} expired {}", purged, what);
            }
        } catch (RuntimeException e) {
            // An exception escaping the scheduled task would cancel every later run.
            log.warn("purging expired {} failed; retrying in {}: {}", what, interval, e.toString());
        }
    }

    /** Stops the thread, interrupting a run in progress. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("expiry purger did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
