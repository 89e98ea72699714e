package dev.authbridge.lockout;

import dev.authbridge.config.LockoutConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts wrong passwords per user name and per client address and decides lockouts (see
 * {@link LockoutConfig}). Keys come from {@link LockoutKeys}; an absent address (the command
 * line) is simply not counted. With lockout disabled every method does nothing.
 */
public final class LoginThrottle {
    private final LockoutStore store;
    private final LockoutConfig config;
    private final LockoutPolicy users;
    private final LockoutPolicy addresses;
    private final Clock clock;

    /** @param store may be null when {@code config} disables lockout: it is never used then */
    public LoginThrottle(LockoutStore store, LockoutConfig config, Clock clock) {
        this.store = config.enabled() ? Objects.requireNonNull(store, "store") : store;
        this.config = config;
        this.users = LockoutPolicy.forUsers(config);
        this.addresses = LockoutPolicy.forAddresses(config);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A throttle that counts nothing and locks nothing ({@code lockout.enabled: false}), needing no store. */
    public static LoginThrottle disabled() {
        LockoutConfig off = new LockoutConfig(false, 1, 1, Duration.ofMinutes(1), Duration.ofMinutes(1),
                Duration.ofMinutes(1), Duration.ofMinutes(1));
        return new LoginThrottle(null, off, Clock.systemUTC());
    }

    /** The lockout in force for the user or the address (the one ending last), if any. */
    public Optional<Lockout> lockout(String userKey, String addressKey) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return store.findEither(userKey, addressKey).stream()
                .filter(l -> l.isActive(now))
                .max(Comparator.comparing(Lockout::lockedUntil));
    }

    /** Records wrong credentials; returns the lockouts this failure started (none, or one per key). */
    public List<Lockout> failed(String userKey, String addressKey) {
        if (!config.enabled()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Lockout> started = new ArrayList<>(2);
        store.recordFailure(LockoutKind.USER, userKey, now, users).ifPresent(started::add);
        if (addressKey != null) {
            store.recordFailure(LockoutKind.IP, addressKey, now, addresses).ifPresent(started::add);
        }
        return started;
    }

    /**
     * The password was right: the user's failures are forgotten (Keycloak does the same). The
     * address's are not, or one known account would let an attacker reset the count for all.
     */
    public void succeeded(String userKey) {
        if (config.enabled()) {
            store.clearFailures(LockoutKind.USER, userKey);
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
