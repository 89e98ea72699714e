package dev.authbridge.lockout;

import dev.authbridge.config.LockoutConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When failures lock a key out, and for how long. The {@code n}-th lockout in a row lasts
 * {@code duration × 2^(n-1)}, at most {@code maxDuration}; a lockout that ended more than
 * {@code forgetAfter} ago no longer counts.
 */
public record LockoutPolicy(int maxFailures, Duration window, Duration duration, Duration maxDuration,
        Duration forgetAfter) {

    public static LockoutPolicy forUsers(LockoutConfig c) {
        return new LockoutPolicy(c.userMaxFailures(), c.window(), c.duration(), c.maxDuration(), c.forgetAfter());
    }

    public static LockoutPolicy forAddresses(LockoutConfig c) {
        return new LockoutPolicy(c.ipMaxFailures(), c.window(), c.duration(), c.maxDuration(), c.forgetAfter());
    }

    /** The lockout that starts now, given the key's previous one. */
    public Lockout next(LockoutKind kind, String key, String label, Instant now, Optional<Lockout> previous) {
        int strikes = previous
                .filter(p -> now.isBefore(p.lockedUntil().plus(forgetAfter)))
                .map(p -> p.strikes() + 1)
                .orElse(1);
        Duration length = duration;
        for (int i = 1; i < strikes && length.compareTo(maxDuration) < 0; i++) {
            length = length.multipliedBy(2);
        }
        if (length.compareTo(maxDuration) > 0) {
            length = maxDuration;
        }
        return new Lockout(kind, key, label, strikes, now, now.plus(length));
    }
}
