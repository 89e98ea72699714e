package dev.authbridge.lockout;

import dev.authbridge.audit.Origin;

/**
 * Who is asking for a password check, for the throttle and the audit log.
 *
 * @param clientId the OAuth client the sign-in is for; {@code null} when none (change-password)
 * @param channel how the password arrived: {@code password} (the grant), {@code authorize} (the
 *     sign-in page), {@code change_password}
 */
public record SignInAttempt(String clientId, String channel, Origin origin) {}
