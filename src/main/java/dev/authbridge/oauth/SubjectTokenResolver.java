package dev.authbridge.oauth;

import dev.authbridge.audit.Origin;
import dev.authbridge.token.TokenOwner;
import java.time.Instant;

/**
 * The seam for the subject tokens of token exchange that authbridge did not issue: a trusted
 * issuer's JWT or ID token ({@link TokenTypes#JWT}, {@link TokenTypes#ID_TOKEN}), verified as
 * the assertion grant verifies one and resolved to the directory user it names ({@link
 * TrustedSubjectTokens}). Authbridge's own
 * access tokens need no resolver: {@link TokenExchangeGrant} checks them in the token store.
 */
public interface SubjectTokenResolver {

    /** Refuses every such type (an exchange of authbridge's own access tokens only; tests). */
    SubjectTokenResolver UNSUPPORTED = (subjectToken, tokenType, clientId, origin) -> {
        throw OAuthException.invalidRequest("unsupported subject_token_type: " + tokenType
                + " is not accepted yet; supported: " + TokenTypes.ACCESS_TOKEN);
    };

    /**
     * Whom a subject token names, and until when it speaks for them: the exchanged token never
     * outlives it.
     */
    record Subject(TokenOwner owner, Instant expiresAt) {}

    /**
     * The user {@code subjectToken} names, who must exist (and be enabled) in the directory, and
     * the token's expiry ({@code exp}).
     *
     * @param tokenType {@link TokenTypes#JWT} or {@link TokenTypes#ID_TOKEN}
     * @param clientId the client asking for the exchange, and {@code origin} its address, for the audit log
     * @throws OAuthException {@code invalid_request} when the token is refused for any reason
     *     (RFC 8693 §2.2.2), never naming the token
     */
    Subject resolve(String subjectToken, String tokenType, String clientId, Origin origin);
}
