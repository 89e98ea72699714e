package dev.authbridge.config;

import java.time.Duration;

/**
 * The browser session that gives single sign-on across {@code /oauth/authorize} requests.
 *
 * @param idleTimeout the session ends when it has not been used (a sign-in, an SSO authorize,
 *     a {@code /ping} with the cookie) for this long
 * @param maxLifetime the session ends this long after the password was typed, however active
 */
public record SessionConfig(Duration idleTimeout, Duration maxLifetime) {}
