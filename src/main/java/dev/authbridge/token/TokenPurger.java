package dev.authbridge.token;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired tokens every {@code interval} on one daemon thread. A failed run is logged
 * and the next one happens on schedule: the purger never stops because the store was briefly
 * unavailable.
 *
 * <p>Rows are kept for {@link #GRACE} past their expiry, so a refresh token replayed just after
 * it expired is still recognised as reused (and its family revoked) rather than as unknown.
 */
public final class TokenPurger implements AutoCloseable {

    static final Duration GRACE = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(TokenPurger.class);

    private final TokenStore store;
    private final Duration interval;
    private final Clock clock;
    private ScheduledExecutorService executor;

    public TokenPurger(TokenStore store, Duration interval, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("purge interval must be positive: " + interval);
        }
        this.interval = interval;
    }

    /** Schedules the first run one interval from now. Call once. */
    public synchronized void start() {
        if (executor != null) {
            throw new IllegalStateException("already started");
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "token-purger");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::purgeLogged, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Deletes what expired more than {@link #GRACE} ago; returns how many rows. */
    public int purgeNow() {
        return store.purgeExpired(clock.instant().minus(GRACE));
    }

    /** Stops the thread, interrupting a run in progress. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("token purger did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void purgeLogged() {
        try {
            int purged = purgeNow();
            if (purged > 0) {
                LOG.debug("purged {} expired tokens", purged);
            }
        } catch (RuntimeException e) {
            // An exception escaping here would cancel every later run of the schedule.
            LOG.warn("purging expired tokens failed; retrying in {}", interval, e);
        }
    }
}
