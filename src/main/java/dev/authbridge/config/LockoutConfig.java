package dev.authbridge.config;

import java.time.Duration;

/**
 * Brute-force protection of sign-ins ({@code lockout}). Wrong credentials are counted per user
 * name and per client IP address within a sliding {@code window}; reaching a maximum locks that
 * key out for {@code duration}, doubled at each further lockout up to {@code maxDuration}, and
 * forgotten after {@code forgetAfter} without one (the models: Authelia's regulation and
 * Keycloak's brute-force detection).
 *
 * @param userMaxFailures wrong passwords for one user name within the window that lock it
 * @param ipMaxFailures wrong passwords from one address within the window that lock it; higher
 *     than {@code userMaxFailures}, since many users may share one address (a NAT, a proxy)
 */
public record LockoutConfig(
        boolean enabled,
        int userMaxFailures,
        int ipMaxFailures,
        Duration window,
        Duration duration,
        Duration maxDuration,
        Duration forgetAfter) {

    public static LockoutConfig defaults() {
        return new LockoutConfig(true, 10, 50, Duration.ofMinutes(15), Duration.ofMinutes(5),
                Duration.ofHours(1), Duration.ofHours(24));
    }

    /** The same lockout, switched on or off. */
    public LockoutConfig withEnabled(boolean other) {
        return new LockoutConfig(other, userMaxFailures, ipMaxFailures, window, duration, maxDuration, forgetAfter);
    }

    /** The same lockout with another limit per client address. */
    public LockoutConfig withIpMaxFailures(int other) {
        return new LockoutConfig(enabled, userMaxFailures, other, window, duration, maxDuration, forgetAfter);
    }
}
