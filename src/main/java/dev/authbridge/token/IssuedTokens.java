package dev.authbridge.token;

import java.time.Instant;

/**
 * Tokens just handed out. The raw values exist only here, on their way to the client.
 *
 * @param refreshToken null when none was issued (client_credentials)
 */
public record IssuedTokens(
        String accessToken, String refreshToken, Instant accessExpiresAt, String scope, StoredToken access) {}
