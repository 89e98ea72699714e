package dev.authbridge.lockout;

import dev.authbridge.config.LockoutConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts wrong credentials per key (an account, a name that designates no one, a client) and per
 * client address, and decides lockouts (see {@link LockoutConfig}). Keys come from
 * {@link LockoutKeys}; an absent address (the command line) is simply not counted. With lockout
 * disabled every method does nothing.
 *
 * <p>A check of credentials runs inside {@link #enter}: in this process one attempt per key at a
 * time, so the lockout read before the check and the failure counted after it are one step, and
 * at most {@code maxFailures} wrong guesses for a key reach the check before it locks. Several
 * processes sharing the store each take their own turns: each may have one attempt in progress
 * when another one's failure starts the lockout, so N processes overshoot by at most N − 1.
 */
public final class LoginThrottle {
    /** The longest an attempt waits for its turn when none is configured: the shipped directory timeouts. */
    static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(15);
    private static final Permit NO_PERMIT = () -> { };

    /** A turn for a key; closing it ends the turn (on the thread that took it). */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private final LockoutStore store;
    private final LockoutConfig config;
    private final LockoutPolicy users;
    private final LockoutPolicy addresses;
    private final Clock clock;
    private final AttemptPermits permits;

    /** @param store may be null when {@code config} disables lockout: it is never used then */
    public LoginThrottle(LockoutStore store, LockoutConfig config, Clock clock) {
        this(store, config, clock, DEFAULT_MAX_WAIT);
    }

    /**
     * @param maxWait the longest an attempt waits for the one before it on the same key (that
     *     one is bounded by the directory's timeouts); then it is refused as busy
     */
    public LoginThrottle(LockoutStore store, LockoutConfig config, Clock clock, Duration maxWait) {
        this.store = config.enabled() ? Objects.requireNonNull(store, "store") : store;
        this.config = config;
        this.users = LockoutPolicy.forUsers(config);
        this.addresses = LockoutPolicy.forAddresses(config);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.permits = new AttemptPermits(maxWait);
    }

    /** A throttle that counts nothing and locks nothing ({@code lockout.enabled: false}), needing no store. */
    public static LoginThrottle disabled() {
        LockoutConfig off = new LockoutConfig(false, 1, 1, Duration.ofMinutes(1), Duration.ofMinutes(1),
                Duration.ofMinutes(1), Duration.ofMinutes(1));
        return new LoginThrottle(null, off, Clock.systemUTC());
    }

    /**
     * Waits for the key's turn ({@link AttemptPermits}). {@code shared}: the attempt only reads
     * (a credential already known to be right, checking it is not locked out).
     *
     * @throws AttemptsBusyException when too many attempts for the key wait already, or the
     *     turn did not come in time (not a failure: nothing is counted)
     */
    public Permit enter(LockoutKind kind, String key, boolean shared) {
        if (!config.enabled()) {
            return NO_PERMIT;
        }
        return permits.enter(kind.name() + ':' + key, shared);
    }

    /** The lockout in force for the key or the address (the one ending last), if any. */
    public Optional<Lockout> lockout(LockoutKind kind, String key, String addressKey) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        return new Standing(store.findEither(kind, key, addressKey), false).lockoutAt(clock.instant());
    }

    /**
     * The key's and the address's lockouts and whether the key has failures, in one read: taken
     * inside the key's turn before a password check, it also tells {@link #succeeded(LockoutKind,
     * String, Standing)} whether there is anything to forget.
     */
    public Standing standing(LockoutKind kind, String key, String addressKey) {
        if (!config.enabled()) {
            return Standing.CLEAR;
        }
        return store.standing(kind, key, addressKey);
    }

    /**
     * Records wrong credentials; returns the lockouts this failure started (none, or one per key).
     *
     * @param label what an operator knows the key by (see {@link Lockout#label()})
     */
    public List<Lockout> failed(LockoutKind kind, String key, String label, String addressKey) {
        if (!config.enabled()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Lockout> started = new ArrayList<>(2);
        store.recordFailure(kind, key, label, now, users).ifPresent(started::add);
        if (addressKey != null) {
            store.recordFailure(kind.addressKind(), addressKey, null, now, addresses).ifPresent(started::add);
        }
        return started;
    }

    /**
     * The credentials were right: the key's failures are forgotten (Keycloak does the same). The
     * address's are not, or one known account would let an attacker reset the count for all.
     */
    public void succeeded(LockoutKind kind, String key) {
        if (config.enabled()) {
            store.clearFailures(kind, key);
        }
    }

    /**
     * As {@link #succeeded(LockoutKind, String)}, knowing from the key's {@code standing} (read in
     * this turn, before the check) whether it had failures: without any, nothing is read again.
     * Failures counted meanwhile by another process sharing the store stay counted.
     */
    public void succeeded(LockoutKind kind, String key, Standing standing) {
        if (standing.failuresCounted()) {
            succeeded(kind, key);
        }
    }

    /** Deletes failures out of the window and lockouts whose strikes no longer count. */
    public int purge() {
        if (!config.enabled()) {
            return 0;
        }
        Instant now = clock.instant();
        return store.purge(now.minus(config.window()), now.minus(config.forgetAfter()));
    }

    public Instant now() {
        return clock.instant();
    }
}
