package dev.authbridge.token;

import java.time.Instant;

/**
 * One row of the token store. Only the SHA-256 of the token is kept, never the token.
 *
 * @param family all tokens descending from one sign-in share it; reuse of a dead refresh token
 *     revokes the whole family
 * @param usedAt when a refresh token was rotated (null while it is live)
 * @param revokedAt null while not revoked
 */
public record StoredToken(
        String hash,
        TokenKind kind,
        String family,
        TokenOwner owner,
        String clientId,
        String scope,
        Instant issuedAt,
        Instant expiresAt,
        Instant usedAt,
        Instant revokedAt) {

    public boolean isLive(Instant now) {
        return revokedAt == null && usedAt == null && now.isBefore(expiresAt);
    }
}
