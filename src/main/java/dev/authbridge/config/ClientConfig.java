package dev.authbridge.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A registered OAuth client.
 *
 * @param secret {@code null} for a public client; a {@link Secret} from {@code config.yaml}, a slow
 *     hash for a client registered through the ops API
 * @param grantTypes the grant types it may use, each one of {@link #GRANT_TYPES}
 * @param rotateRefreshTokens when false, a refresh returns the same refresh token (legacy
 *     clients that keep their first one)
 * @param tokenExchange the audiences it may exchange tokens for; {@link TokenExchangeConfig#NONE}
 *     when it is not registered for the grant
 * @param gwsUserEdDsa its services verify {@code X-GWS-User} as EdDSA (Ed25519), which is signed
 *     in a fraction of an RS256 signature's time; false: signed by the signing keys' algorithm
 */
public record ClientConfig(
        String id,
        ClientSecret secret,
        Set<String> grantTypes,
        List<String> redirectUris,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        boolean rotateRefreshTokens,
        TokenExchangeConfig tokenExchange,
        boolean gwsUserEdDsa) {

    /** A client that exchanges no tokens for other audiences. */
    public ClientConfig(String id, ClientSecret secret, Set<String> grantTypes, List<String> redirectUris,
            Duration accessTokenTtl, Duration refreshTokenTtl, boolean rotateRefreshTokens) {
        this(id, secret, grantTypes, redirectUris, accessTokenTtl, refreshTokenTtl, rotateRefreshTokens,
                TokenExchangeConfig.NONE, false);
    }

    /**
     * Every grant type a client may be registered for: the ones the token endpoint answers, and
     * {@code implicit} at the authorization endpoint. The loader validates clients against it,
     * discovery publishes it, metrics label by it.
     */
    public static final List<String> GRANT_TYPES =
            List.of("authorization_code", "implicit", "password", "refresh_token", "client_credentials",
                    TrustedIssuerConfig.ASSERTION_GRANT_TYPE, TokenExchangeConfig.GRANT_TYPE);

    public boolean isPublic() {
        return secret == null;
    }

    public boolean allows(String grantType) {
        return grantTypes.contains(grantType);
    }

    /** Whether {@code uri} matches one of the registered redirect URIs (see {@link RedirectUris}). */
    public boolean allowsRedirect(String uri) {
        return uri != null && redirectUris.stream().anyMatch(r -> RedirectUris.matches(r, uri));
    }
}
