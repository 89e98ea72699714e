package dev.authbridge.lockout;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes, in the background, failures that left their window and lockouts whose strikes no
 * longer count, so that a spray of made-up user names cannot grow the store for ever. A failed
 * run is logged and the next happens on schedule.
 */
public final class LockoutPurger implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LockoutPurger.class);

    private final ScheduledExecutorService executor;

    private LockoutPurger(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    public static LockoutPurger start(LoginThrottle throttle, Duration interval) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lockout-purger");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                throttle.purge();
            } catch (RuntimeException e) {
                // An exception escaping here would cancel every later run.
                log.warn("purging old login failures failed; retrying in {}: {}", interval, e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return new LockoutPurger(executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
