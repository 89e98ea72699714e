package dev.authbridge.testing;

import dev.authbridge.config.ClientConfig;
import dev.authbridge.config.Secret;
import dev.authbridge.config.TokenExchangeConfig;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A registered OAuth client for a test, built by type with the loader's defaults (access tokens
 * 12 h, refresh tokens 30 days, refresh tokens rotated, no redirect URI):
 * {@code TestClient.confidential("service", "service-secret").grants("client_credentials").build()}.
 */
public final class TestClient {
    private final String id;
    private final Secret secret;
    private Set<String> grantTypes = Set.of();
    private List<String> redirectUris = List.of();
    private Duration accessTokenTtl = Duration.ofHours(12);
    private Duration refreshTokenTtl = Duration.ofDays(30);
    private boolean rotateRefreshTokens = true;
    private TokenExchangeConfig tokenExchange = TokenExchangeConfig.NONE;
    private boolean gwsUserEdDsa;

    private TestClient(String id, Secret secret) {
        this.id = id;
        this.secret = secret;
    }

    /** A client that authenticates with {@code secret}. */
    public static TestClient confidential(String id, String secret) {
        return new TestClient(id, new Secret(secret));
    }

    /** A client without a secret (a browser or mobile application). */
    public static TestClient publicClient(String id) {
        return new TestClient(id, null);
    }

    public TestClient grants(String... types) {
        grantTypes = Set.of(types);
        return this;
    }

    public TestClient redirectUris(String... uris) {
        redirectUris = List.of(uris);
        return this;
    }

    public TestClient accessTokenTtl(Duration ttl) {
        accessTokenTtl = ttl;
        return this;
    }

    public TestClient refreshTokenTtl(Duration ttl) {
        refreshTokenTtl = ttl;
        return this;
    }

    /** A refresh returns the same refresh token (a legacy client that keeps its first one). */
    public TestClient keepingRefreshTokens() {
        rotateRefreshTokens = false;
        return this;
    }

    /** {@code tokenExchange.audiences}: the other clients it may exchange tokens for (grant not included). */
    public TestClient exchangingFor(String... audiences) {
        tokenExchange = new TokenExchangeConfig(List.of(audiences));
        return this;
    }

    /** {@code gwsUserAlgorithm: EdDSA}: its X-GWS-User is signed with the Ed25519 companion keys. */
    public TestClient verifyingGwsUserAsEdDsa() {
        gwsUserEdDsa = true;
        return this;
    }

    public ClientConfig build() {
        if (grantTypes.isEmpty()) {
            throw new IllegalStateException("client " + id + " needs at least one grant type");
        }
        return new ClientConfig(id, secret, grantTypes, redirectUris, accessTokenTtl, refreshTokenTtl,
                rotateRefreshTokens, tokenExchange, gwsUserEdDsa);
    }
}
