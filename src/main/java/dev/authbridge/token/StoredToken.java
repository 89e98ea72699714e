package dev.authbridge.token;

import java.time.Instant;

/**
 * One row of the token store. Only the SHA-256 of the token is kept, never the token.
 *
 * @param family all tokens descending from one sign-in share it; reuse of a dead refresh token
 *     revokes the whole family
 * @param usedAt when a refresh token was rotated (null while it is live)
 * @param revokedAt null while not revoked
 * @param act who acts for the owner (a token issued by a delegating exchange, RFC 8693 §4.1);
 *     null when the owner's token is their own
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
        Instant revokedAt,
        Actor act) {

    /** A token nobody acts through. */
    public StoredToken(String hash, TokenKind kind, String family, TokenOwner owner, String clientId, String scope,
            Instant issuedAt, Instant expiresAt, Instant usedAt, Instant revokedAt) {
        this(hash, kind, family, owner, clientId, scope, issuedAt, expiresAt, usedAt, revokedAt, null);
    }

    public boolean isLive(Instant now) {
        return revokedAt == null && usedAt == null && now.isBefore(expiresAt);
    }
}
