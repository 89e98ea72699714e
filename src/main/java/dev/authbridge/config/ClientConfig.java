package dev.authbridge.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A registered OAuth client.
 *
 * @param secret {@code null} for a public client
 * @param grantTypes the grant types it may use ({@code password}, {@code refresh_token},
 *     {@code client_credentials}, {@code authorization_code}, {@code implicit})
 * @param rotateRefreshTokens when false, a refresh returns the same refresh token (legacy
 *     clients that keep their first one)
 */
public record ClientConfig(
        String id,
        Secret secret,
        Set<String> grantTypes,
        List<String> redirectUris,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        boolean rotateRefreshTokens) {

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
