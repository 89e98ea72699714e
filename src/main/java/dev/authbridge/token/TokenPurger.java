package dev.authbridge.token;

import dev.authbridge.store.ExpiryPurger;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Deletes expired tokens: {@link #purgeNow} for one run, {@link #start} for runs every
 * {@code interval} on a thread of its own (an {@link ExpiryPurger}: a failed run is logged and
 * the next one happens on schedule). The server runs {@link #purgeNow} on its shared purger.
 *
 * <p>Rows are kept for {@link #GRACE} past their expiry, so a refresh token replayed just after
 * it expired is still recognised as reused (and its family revoked) rather than as unknown.
 */
public final class TokenPurger implements AutoCloseable {

    static final Duration GRACE = Duration.ofMinutes(5);

    private final TokenStore store;
    private final Duration interval;
    private final Clock clock;
    private ExpiryPurger running;

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
        if (running != null) {
            throw new IllegalStateException("already started");
        }
        running = ExpiryPurger.start("token-purger", interval, Map.of("tokens", this::purgeNow));
    }

    /** Deletes what expired more than {@link #GRACE} ago; returns how many rows. */
    public int purgeNow() {
        return store.purgeExpired(clock.instant().minus(GRACE));
    }

    /** Stops the thread, interrupting a run in progress. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (running != null) {
            running.close();
        }
    }
}
