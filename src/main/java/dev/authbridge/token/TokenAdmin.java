package dev.authbridge.token;

import java.time.Instant;
import java.util.List;

/**
 * The administrator's view of the token store ({@code authbridge tokens}): list sign-ins by
 * user, client or tenant, and revoke them. Tokens are named by a prefix of their hash, never by
 * their value, which the store does not have. Every implementation passes
 * {@code TokenAdminContract}.
 */
public interface TokenAdmin {

    /** Shortest hash prefix accepted to name a token: 8 hex digits (32 bits). */
    int MIN_ID_LENGTH = 8;

    /**
     * What to list; a null field does not filter.
     *
     * @param userName <code>tenant&#92;user</code> as recorded at sign-in, compared without case
     * @param includeInactive also expired, used and revoked tokens
     */
    record Query(String userName, String clientId, String tenantId, boolean includeInactive, int limit) {}

    /** One token as an administrator sees it. {@code id} is the first 12 hex digits of its hash. */
    record TokenRow(String id, TokenKind kind, String family, String userName, String tenantId, String clientId,
            String scope, Instant issuedAt, Instant expiresAt, Instant usedAt, Instant revokedAt) {

        public String state(Instant now) {
            if (revokedAt != null) {
                return "revoked";
            }
            if (usedAt != null) {
                return "used";
            }
            return now.isBefore(expiresAt) ? "live" : "expired";
        }
    }

    /** Newest first. */
    List<TokenRow> list(Query query, Instant now);

    /**
     * Revokes the sign-in (family) of the token whose hash starts with {@code idPrefix}: its
     * access and refresh tokens die together, since revoking one alone would let the other mint
     * new ones.
     *
     * @return tokens revoked
     * @throws IllegalArgumentException when the prefix is too short, names no token, or tokens of
     *     several sign-ins
     */
    int revokeSignIn(String idPrefix, Instant at);

    /** Revokes every token of the user(s) recorded under this name, across clients; returns how many. */
    int revokeUser(String userName, Instant at);

    /**
     * Revokes every token of the client: those issued to it, those it obtained by token exchange
     * for another target, and every sign-in it started whole (with what other clients exchanged
     * from it); returns how many.
     */
    int revokeClient(String clientId, Instant at);
}
