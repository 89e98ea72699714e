package dev.authbridge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.client.ClientSecrets;
import dev.authbridge.client.RegisteredClient;
import dev.authbridge.client.SqlClientStore;
import dev.authbridge.config.StoreConfig;
import dev.authbridge.store.Database;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client of the store keeps only a bcrypt hash of its secret: checking a guess costs the
 * server tens of milliseconds of CPU. During the client's lockout a guess is refused before
 * bcrypt runs, so an unauthenticated caller who knows a client id cannot keep the CPU busy.
 */
class StoreClientLockoutHttpTest {
    private static final String OPS = HttpTestClient.basic("ops", "demo-ops-password");

    @TempDir
    Path dir;

    private static Response clientCredentials(RunningApp app, String secret) {
        return app.http.post("/auth/v3/oauth/token", "grant_type=client_credentials",
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", HttpTestClient.basic("batch", secret));
    }

    @Test
    void tokenWhenStoreClientLockedOutThenGuessesAreRefusedWithoutBcrypt() {
        try (RunningApp app = RunningApp.start(TestConfig.shipped(dir))) {
            Response created = app.http.post("/auth/v3/ops/clients", """
                    {"data": {"client_id": "batch", "client_secret": "batch-secret-1",
                      "authorizedGrantTypes": ["client_credentials"]}}""",
                    "Authorization", OPS, "Content-Type", "application/json");
            assertEquals(200, created.status(), created.body());
            for (int i = 0; i < 10; i++) {
                assertEquals(401, clientCredentials(app, "guess-" + i).status());
            }
            // A hash that takes seconds to check: any bcrypt run shows in the answer's time.
            try (Database db = Database.open(new StoreConfig(dir.resolve("tokens.db"), Duration.ofSeconds(5),
                    Duration.ofMinutes(1)))) {
                SqlClientStore store = new SqlClientStore(db);
                RegisteredClient c = store.find("batch").orElseThrow();
                assertTrue(store.replace(new RegisteredClient(c.id(), c.type(), new ClientSecrets(15).hash("batch-secret-1"),
                        c.name(), c.description(), c.grantTypes(), c.authorities(), c.scope(), c.redirectUris(),
                        c.accessTokenTtl(), c.refreshTokenTtl(), c.contactCenterIds(), false, c.createdAt(),
                        c.updatedAt())));
            }

            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                Response locked = clientCredentials(app, "locked-guess-" + i);
                assertEquals(401, locked.status(), locked.body());
                assertEquals("invalid_client", locked.json().get("error").asText());
                assertNotNull(locked.header("Retry-After"), "locked out");
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofMillis(1500)) < 0, "three guesses while locked out took " + took
                    + ": bcrypt ran for each");
        }
    }
}
