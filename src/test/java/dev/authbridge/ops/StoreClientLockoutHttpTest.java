package dev.authbridge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.client.ClientSecrets;
import dev.authbridge.client.RegisteredClient;
import dev.authbridge.client.SqlClientStore;
import dev.authbridge.config.LockoutConfig;
import dev.authbridge.config.StoreConfig;
import dev.authbridge.store.Database;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.Race;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
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
        return clientCredentials(app, "batch", secret);
    }

    private static Response clientCredentials(RunningApp app, String client, String secret) {
        return app.http.post("/auth/v3/oauth/token", "grant_type=client_credentials",
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", HttpTestClient.basic(client, secret));
    }

    /** Gives the store client {@code id} a hash of this cost (its secret unchanged). */
    private void rehash(String id, String secret, int cost) {
        try (Database db = Database.open(new StoreConfig(dir.resolve("tokens.db"), Duration.ofSeconds(5),
                Duration.ofMinutes(1)))) {
            SqlClientStore store = new SqlClientStore(db);
            RegisteredClient c = store.find(id).orElseThrow();
            assertTrue(store.replace(new RegisteredClient(c.id(), c.type(), new ClientSecrets(cost).hash(secret),
                    c.name(), c.description(), c.grantTypes(), c.authorities(), c.scope(), c.redirectUris(),
                    c.accessTokenTtl(), c.refreshTokenTtl(), c.contactCenterIds(), false, c.createdAt(),
                    c.updatedAt())));
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Test
    void tokenWhenBurstOfWrongSecretsForAStoreClientThenBcryptRunsAtMostTheLockoutsLimitOfTimes() {
        try (RunningApp app = RunningApp.start(TestConfig.shipped(dir).withLockout(l -> new LockoutConfig(true, 3,
                l.ipMaxFailures(), l.window(), l.duration(), l.maxDuration(), l.forgetAfter())))) {
            Response created = app.http.post("/auth/v3/ops/clients", """
                    {"data": {"client_id": "burst", "client_secret": "burst-secret-1",
                      "authorizedGrantTypes": ["client_credentials"]}}""",
                    "Authorization", OPS, "Content-Type", "application/json");
            assertEquals(200, created.status(), created.body());
            rehash("burst", "burst-secret-1", 13);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadCpuTime();
            new ClientSecrets(13).hash("burst-secret-1");
            long oneBcrypt = threads.getCurrentThreadCpuTime() - before;

            long cpuBefore = processCpuNanos();
            List<Integer> statuses = Race.run(12, () -> clientCredentials(app, "burst",
                    "guess-" + Thread.currentThread().getId()).status());
            long burstCpu = processCpuNanos() - cpuBefore;

            assertTrue(statuses.stream().allMatch(s -> s == 401 || s == 429 || s == 503), statuses.toString());
            assertTrue(burstCpu < 6 * oneBcrypt, "12 parallel guesses cost " + burstCpu / 1_000_000 + " ms of CPU, one bcrypt "
                    + oneBcrypt / 1_000_000 + " ms: more than the lockout's 3 checks ran");
        }
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
            rehash("batch", "batch-secret-1", 15);

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
