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
 * @param exchangedBy the client that asked for this token by a token exchange (RFC 8693), when
 *     it was issued for a target ({@code clientId}) by another or by itself; null for every
 *     token a grant issued to its own client. A deletion of that client revokes the token too.
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
        Actor act,
        String exchangedBy) {

    /** A token nobody acts through. */
    public StoredToken(String hash, TokenKind kind, String family, TokenOwner owner, String clientId, String scope,
            Instant issuedAt, Instant expiresAt, Instant usedAt, Instant revokedAt) {
        this(hash, kind, family, owner, clientId, scope, issuedAt, expiresAt, usedAt, revokedAt, null, null);
    }

    /** A token its own client's grant issued (no exchange). */
    public StoredToken(String hash, TokenKind kind, String family, TokenOwner owner, String clientId, String scope,
            Instant issuedAt, Instant expiresAt, Instant usedAt, Instant revokedAt, Actor act) {
        this(hash, kind, family, owner, clientId, scope, issuedAt, expiresAt, usedAt, revokedAt, act, null);
    }

    public boolean isLive(Instant now) {
        return revokedAt == null && usedAt == null && now.isBefore(expiresAt);
    }
}
