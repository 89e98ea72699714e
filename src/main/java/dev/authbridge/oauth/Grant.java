package dev.authbridge.oauth;

import dev.authbridge.audit.AuditEvent;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.token.IssuedTokens;

/**
 * One OAuth grant type, with the rules that are its own. The {@link TokenEndpoint} runs the
 * shared steps first and in order, asking the grant only where the grant decides: its scope
 * (step 4), its tokens (step 5) and whether they renew a sign-in. A new grant type is a new
 * implementation, built in {@code App} with the others.
 */
public interface Grant {
    /** The {@code grant_type} it answers (RFC 6749 §4, or an absolute URI for an extension, §4.5). */
    String type();

    /**
     * Step 4: the scope for this request, validated and normalised; by default the requested
     * one as {@link Scopes#grant} allows it (RFC 6749 §3.3).
     */
    default String scope(TokenRequest request) {
        return Scopes.grant(request.scope());
    }

    /** Step 5: the tokens, or an {@link OAuthException}. */
    IssuedTokens issue(TokenRequest request, ClientConfig client, String scope);

    /**
     * The response's {@code issued_token_type} (RFC 8693 §2.2.1), for a grant that answers with
     * one; null (left out) by default.
     */
    default String issuedTokenType() {
        return null;
    }

    /** Adds what only this grant knows to the audit line of the tokens it issued (never a token). */
    default void describe(IssuedTokens issued, AuditEvent.Builder line) {}

    /**
     * Whether the tokens continue a sign-in the client already holds (a refresh: audited as
     * {@code token_refreshed}, and if withheld only the new access token goes) rather than start
     * one ({@code token_issued}; if withheld, the whole new sign-in goes).
     */
    default boolean renewsSignIn() {
        return false;
    }
}
