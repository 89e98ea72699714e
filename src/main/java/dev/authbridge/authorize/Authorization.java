package dev.authbridge.authorize;

import dev.authbridge.config.ClientConfig;

/**
 * A validated authorization request: every check of {@link AuthorizeEndpoint#validate} passed,
 * so what remains is to know the user.
 *
 * @param scope the scope to grant, normalised
 * @param codeChallenge the PKCE S256 challenge, or null
 * @param request the parameters as received, carried through the sign-in form
 */
public record Authorization(
        ClientConfig client,
        String redirectUri,
        ResponseType responseType,
        String scope,
        boolean hideTenant,
        String codeChallenge,
        String nonce,
        Prompt prompt,
        ResponseTarget target,
        AuthorizeRequest request) {

    /** RFC 6749 §3.1.1. */
    public enum ResponseType { CODE, TOKEN }

    /** OpenID Connect {@code prompt} (Core §3.1.2.1): the values that change what we do. */
    public enum Prompt {
        /** Single sign-on when a session exists, else the page. */
        DEFAULT,
        /** Never show the page: single sign-on or {@code login_required}. */
        NONE,
        /** Always ask for the password, even with a live session. */
        LOGIN
    }

    /** An error the client must see, sent to its redirect URI. */
    public AuthorizeErrorException error(String error, String description) {
        return target.error(error, description);
    }
}
