package dev.authbridge.config;

import java.time.Duration;

/**
 * The browser sign-in at {@code GET /oauth/authorize}.
 *
 * @param codeTtl how long an authorization code may be exchanged (single use either way; RFC
 *     6749 §4.1.2 recommends at most 10 minutes, the vendor uses 60 s)
 */
public record AuthorizeConfig(Duration codeTtl) {}
