package dev.authbridge.token;

import java.time.Instant;

/**
 * Tokens just handed out. The raw values exist only here, on their way to the client.
 *
 * @param refreshToken null when none was issued (client_credentials)
 * @param nonce the OpenID Connect {@code nonce} of the authorization request these tokens answer
 *     (<a href="https://openid.net/specs/openid-connect-core-1_0.html#IDToken">OIDC Core §2</a>),
 *     to be echoed in the id token; null when there was none (every grant but authorization_code)
 */
public record IssuedTokens(
        String accessToken, String refreshToken, Instant accessExpiresAt, String scope, StoredToken access,
        String nonce) {

    public IssuedTokens(String accessToken, String refreshToken, Instant accessExpiresAt, String scope,
            StoredToken access) {
        this(accessToken, refreshToken, accessExpiresAt, scope, access, null);
    }

    /** The same tokens answering an authorization request that carried {@code nonce}. */
    public IssuedTokens withNonce(String nonce) {
        return new IssuedTokens(accessToken, refreshToken, accessExpiresAt, scope, access, nonce);
    }
}
