package dev.authbridge.config;

import java.time.Duration;

/**
 * Signed tokens: the {@code X-GWS-User} header of {@code /jwt-userinfo} and OpenID Connect id
 * tokens.
 *
 * @param algorithm the JWS algorithm of new signing keys; changing it takes effect at the next
 *     start (a key of the new algorithm becomes active, the old one is retired)
 * @param userInfoTtl lifetime of an {@code X-GWS-User} token (never past its access token's)
 * @param idTokenTtl lifetime of an id token
 */
public record JwtConfig(SigningAlgorithm algorithm, Duration userInfoTtl, Duration idTokenTtl) {

    /** The longest lifetime of anything signed: how long a retired key must stay published. */
    public Duration longestTtl() {
        return userInfoTtl.compareTo(idTokenTtl) >= 0 ? userInfoTtl : idTokenTtl;
    }
}
