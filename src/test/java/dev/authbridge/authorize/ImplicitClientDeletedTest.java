package dev.authbridge.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.audit.AuditLog;
import dev.authbridge.audit.Origin;
import dev.authbridge.client.ClientRegistry;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.config.StoreConfig;
import dev.authbridge.store.Database;
import dev.authbridge.testing.MutableClock;
import dev.authbridge.testing.TestClient;
import dev.authbridge.token.SqlTokenAdmin;
import dev.authbridge.token.SqlTokenStore;
import dev.authbridge.token.TokenAdmin;
import dev.authbridge.token.TokenOwner;
import dev.authbridge.token.TokenService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An implicit-grant client deleted while its user signs in: the token is withdrawn and the
 * browser sees the error page, never a redirect carrying it.
 */
class ImplicitClientDeletedTest {
    private static final ClientConfig SPA = TestClient.publicClient("vanishing-spa").grants("implicit")
            .redirectUris("https://spa.example.com/cb").build();

    @TempDir
    Path dir;

    private Database db;

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void completeWhenClientDeletedMeanwhileThenErrorPageAndTheTokenRevoked() {
        db = Database.open(new StoreConfig(dir.resolve("t.db"), Duration.ofSeconds(5), Duration.ofMinutes(1)));
        MutableClock clock = MutableClock.now();
        TokenService tokens = new TokenService(new SqlTokenStore(db), clock);
        ClientRegistry gone = id -> Optional.empty();
        AuthorizeEndpoint endpoint = new AuthorizeEndpoint(gone, null, null, tokens, AuditLog.NONE, clock);
        Authorization validated = new Authorization(SPA, "https://spa.example.com/cb", Authorization.ResponseType.TOKEN,
                "*", false, null, null, Authorization.Prompt.DEFAULT,
                new ResponseTarget("https://spa.example.com/cb", true, "s", "http://127.0.0.1/auth/v3"), null);

        assertThrows(UnverifiedClientException.class, () -> endpoint.complete(validated,
                new TokenOwner("6f1c2d3e-0000-4000-8000-000000000101", "uid=agent1,ou=people,dc=example,dc=com",
                        "demo\\agent1", null, clock.instant()),
                new Origin("192.0.2.1", "r-1")));

        List<TokenAdmin.TokenRow> rows = new SqlTokenAdmin(db).list(
                new TokenAdmin.Query(null, "vanishing-spa", null, true, 10), clock.instant());
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).revokedAt() != null, rows::toString);
    }
}
