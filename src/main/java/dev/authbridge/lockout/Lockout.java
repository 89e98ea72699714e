package dev.authbridge.lockout;

import java.time.Duration;
import java.time.Instant;

/**
 * A key locked out from {@code lockedAt} until {@code lockedUntil}; {@code strikes} counts the
 * lockouts in a row (each one doubles the time).
 *
 * @param label what an operator knows the key by (an account's <code>tenant&#92;user</code>,
 *     a client id); may be null
 */
public record Lockout(LockoutKind kind, String key, String label, int strikes, Instant lockedAt,
        Instant lockedUntil) {

    public boolean isActive(Instant now) {
        return now.isBefore(lockedUntil);
    }

    /** Whole seconds until it ends, at least 1 while active: the {@code Retry-After} value. */
    public long retryAfterSeconds(Instant now) {
        long millis = Duration.between(now, lockedUntil).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
