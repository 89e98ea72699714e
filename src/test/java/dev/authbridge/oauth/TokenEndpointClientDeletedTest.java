package dev.authbridge.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.audit.AuditLog;
import dev.authbridge.audit.Origin;
import dev.authbridge.client.ClientRegistry;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.config.StoreConfig;
import dev.authbridge.lockout.ClientGuard;
import dev.authbridge.lockout.LoginThrottle;
import dev.authbridge.store.Database;
import dev.authbridge.testing.MutableClock;
import dev.authbridge.testing.TestClient;
import dev.authbridge.token.SqlTokenAdmin;
import dev.authbridge.token.SqlTokenStore;
import dev.authbridge.token.TokenAdmin;
import dev.authbridge.token.TokenService;
import dev.authbridge.web.FormBody;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client deleted while a token request for it runs (found when the request authenticated it,
 * gone once the grant has saved its tokens): the tokens are withdrawn, never handed out, and none
 * stays live in the store — the deletion's own revocation ran before they were saved.
 */
class TokenEndpointClientDeletedTest {
    private static final ClientConfig SERVICE = TestClient.confidential("vanishing", "vanishing-secret")
            .grants("client_credentials").build();

    @TempDir
    Path dir;

    private Database db;

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void handleWhenClientDeletedDuringTheRequestThenInvalidClientAndNoLiveToken() {
        db = Database.open(new StoreConfig(dir.resolve("t.db"), Duration.ofSeconds(5), Duration.ofMinutes(1)));
        MutableClock clock = MutableClock.now();
        TokenService tokens = new TokenService(new SqlTokenStore(db), clock);
        AtomicInteger lookups = new AtomicInteger();
        // The first lookup (client authentication) finds it; the deletion commits before the next.
        ClientRegistry registry = id -> lookups.incrementAndGet() == 1 ? Optional.of(SERVICE) : Optional.empty();
        TokenEndpoint endpoint = new TokenEndpoint(new ClientAuthenticator(registry,
                new ClientGuard(LoginThrottle.disabled(), AuditLog.NONE)), tokens,
                List.of(new ClientCredentialsGrant(tokens)), null, AuditLog.NONE, clock);
        TokenRequest request = TokenRequest.parse(FormBody.parse("grant_type=client_credentials"),
                "Basic " + java.util.Base64.getEncoder().encodeToString("vanishing:vanishing-secret".getBytes()),
                new Origin("192.0.2.1", "r-1"));

        OAuthException e = assertThrows(OAuthException.class, () -> endpoint.handle(request));

        assertEquals("invalid_client", e.error());
        List<TokenAdmin.TokenRow> rows = new SqlTokenAdmin(db).list(new TokenAdmin.Query(null, "vanishing", null, true, 10),
                clock.instant());
        assertEquals(1, rows.size(), "the grant saved its token...");
        assertTrue(rows.stream().allMatch(r -> r.revokedAt() != null), "...and it was withdrawn: " + rows);
    }

    @Test
    void handleWhenTheExchangingClientIsDeletedDuringTheRequestThenInvalidClientAndNoLiveToken() {
        db = Database.open(new StoreConfig(dir.resolve("t.db"), Duration.ofSeconds(5), Duration.ofMinutes(1)));
        MutableClock clock = MutableClock.now();
        TokenService tokens = new TokenService(new SqlTokenStore(db), clock);
        ClientConfig gateway = TestClient.confidential("gateway", "gateway-secret")
                .grants(dev.authbridge.config.TokenExchangeConfig.GRANT_TYPE).exchangingFor("orders").build();
        ClientConfig orders = TestClient.confidential("orders", "orders-secret").grants("client_credentials").build();
        dev.authbridge.token.TokenOwner user = new dev.authbridge.token.TokenOwner("u-1", "uid=u1", "demo\\u1", null);
        dev.authbridge.token.StoredToken subject = tokens.issue(user, "portal", "*", Duration.ofHours(1), null).access();
        AtomicInteger gatewayLookups = new AtomicInteger();
        // The caller is found when it authenticates; its deletion commits before the tokens are handed out.
        ClientRegistry registry = id -> id.equals("orders") ? Optional.of(orders)
                : id.equals("gateway") && gatewayLookups.incrementAndGet() == 1 ? Optional.of(gateway) : Optional.empty();
        Grant exchange = new Grant() {
            @Override
            public String type() {
                return dev.authbridge.config.TokenExchangeConfig.GRANT_TYPE;
            }

            @Override
            public dev.authbridge.token.IssuedTokens issue(TokenRequest request, ClientConfig client, String scope) {
                return tokens.exchange(subject, "orders", "*", Duration.ofMinutes(5), null, client.id()).orElseThrow();
            }
        };
        TokenEndpoint endpoint = new TokenEndpoint(new ClientAuthenticator(registry,
                new ClientGuard(LoginThrottle.disabled(), AuditLog.NONE)), tokens, List.of(exchange), null,
                AuditLog.NONE, clock);
        TokenRequest request = TokenRequest.parse(FormBody.parse("grant_type="
                        + java.net.URLEncoder.encode(dev.authbridge.config.TokenExchangeConfig.GRANT_TYPE,
                                java.nio.charset.StandardCharsets.UTF_8)),
                "Basic " + java.util.Base64.getEncoder().encodeToString("gateway:gateway-secret".getBytes()),
                new Origin("192.0.2.1", "r-2"));

        OAuthException e = assertThrows(OAuthException.class, () -> endpoint.handle(request));

        assertEquals("invalid_client", e.error());
        List<TokenAdmin.TokenRow> rows = new SqlTokenAdmin(db).list(new TokenAdmin.Query(null, "orders", null, true, 10),
                clock.instant());
        assertEquals(1, rows.size(), "the exchange saved its token for orders...");
        assertTrue(rows.stream().allMatch(r -> r.revokedAt() != null), "...and it was withdrawn: " + rows);
    }
}
