package dev.authbridge.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.config.ClientConfig;
import dev.authbridge.config.StoreConfig;
import dev.authbridge.config.TokenExchangeConfig;
import dev.authbridge.testing.MutableClock;
import dev.authbridge.testing.TestClient;
import dev.authbridge.token.IssuedTokens;
import dev.authbridge.token.SqlTokenStore;
import dev.authbridge.token.StoredToken;
import dev.authbridge.token.TokenOwner;
import dev.authbridge.token.TokenService;
import dev.authbridge.token.TokenStore;
import dev.authbridge.web.FormBody;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seam for trusted issuers' subject tokens ({@link SubjectTokenResolver}): what the grant
 * does with the user a resolver names, on a real SQLite token store. The resolver here stands in
 * for the trusted-issuer implementation that plugs in at merge (its own tests verify tokens).
 */
class TokenExchangeGrantTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final TokenOwner AGENT = new TokenOwner("6f1c2d3e-0000-4000-8000-000000000101",
            "uid=agent1,ou=people,dc=example,dc=com", "demo\\agent1", "f91397f1-6bf6-4fcd-8623-4c4efd81e152", T0);
    private static final ClientConfig GATEWAY = TestClient.confidential("gateway", "s")
            .grants(TokenExchangeConfig.GRANT_TYPE).exchangingFor("orders").build();
    private static final ClientConfig ORDERS = TestClient.confidential("orders", "s").grants("client_credentials")
            .accessTokenTtl(Duration.ofHours(1)).build();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private TokenStore store;
    private TokenService tokens;

    @BeforeEach
    void open() {
        store = SqlTokenStore.open(new StoreConfig(dir.resolve("tokens.db"), Duration.ofSeconds(5), Duration.ofMinutes(1)));
        tokens = new TokenService(store, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private TokenExchangeGrant grant(SubjectTokenResolver resolver) {
        Map<String, ClientConfig> clients = Map.of("gateway", GATEWAY, "orders", ORDERS);
        // The directory is consulted only for authbridge's own access tokens.
        return new TokenExchangeGrant(id -> Optional.ofNullable(clients.get(id)), tokens, null, resolver);
    }

    private static TokenRequest request(String... kv) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(kv[i]).append('=')
                    .append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        return TokenRequest.parse(FormBody.parse(body.toString()), null);
    }

    @Test
    void issueWhenResolverNamesAUserThenNewSignInForTheTargetNotOutlivingTheSubjectToken() {
        Instant jwtExpiry = T0.plus(Duration.ofMinutes(5));
        TokenExchangeGrant grant = grant((token, type, clientId, origin) -> {
            assertEquals("eyJ.idp.jwt", token);
            assertEquals(TokenTypes.JWT, type);
            return new SubjectTokenResolver.Subject(AGENT, jwtExpiry);
        });
        TokenRequest request = request("grant_type", TokenExchangeConfig.GRANT_TYPE, "subject_token", "eyJ.idp.jwt",
                "subject_token_type", TokenTypes.JWT, "audience", "orders");

        IssuedTokens issued = grant.issue(request, GATEWAY, grant.scope(request));

        StoredToken access = tokens.authenticate(issued.accessToken()).orElseThrow();
        assertEquals("orders", access.clientId());
        assertEquals(AGENT, access.owner());
        assertEquals("*", access.scope());
        assertEquals(jwtExpiry, access.expiresAt(), "capped at the subject token's exp");
        assertNull(issued.refreshToken());
    }

    @Test
    void issueWhenTwoExchangesOfTrustedIssuerTokensThenTwoSignIns() {
        TokenExchangeGrant grant = grant((token, type, clientId, origin) -> new SubjectTokenResolver.Subject(AGENT, T0.plusSeconds(600)));
        TokenRequest request = request("grant_type", TokenExchangeConfig.GRANT_TYPE, "subject_token", "t",
                "subject_token_type", TokenTypes.ID_TOKEN);

        String first = grant.issue(request, GATEWAY, null).access().family();
        String second = grant.issue(request, GATEWAY, null).access().family();

        assertNotEquals(first, second, "ending one does not end the other");
    }

    @Test
    void issueWhenNoResolverYetThenInvalidRequestNamingTheType() {
        TokenRequest request = request("grant_type", TokenExchangeConfig.GRANT_TYPE, "subject_token", "t",
                "subject_token_type", TokenTypes.JWT);

        OAuthException e = assertThrows(OAuthException.class,
                () -> grant(SubjectTokenResolver.UNSUPPORTED).issue(request, GATEWAY, null));

        assertEquals("invalid_request", e.error());
        assertTrue(e.getMessage().contains("unsupported subject_token_type"), e.getMessage());
    }
}
