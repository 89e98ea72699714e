package dev.authbridge.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.testing.AuditLines;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client secrets cannot be guessed at full speed (RFC 6749 §2.3.1): wrong secrets and unknown
 * client ids are counted per client id and per address, with the users' limits (10, 50 in 15
 * minutes; 5 minutes locked), on every endpoint that authenticates clients (token, revocation,
 * introspection); during a lockout the answer is {@code invalid_client} with {@code Retry-After}
 * whatever the secret.
 */
class ClientLockoutHttpTest {
    private static final String FORM = "application/x-www-form-urlencoded";

    @TempDir
    Path dir;

    private static Response clientCredentials(RunningApp app, String id, String secret) {
        return app.http.post("/auth/v3/oauth/token", "grant_type=client_credentials", "Content-Type", FORM,
                "Authorization", HttpTestClient.basic(id, secret));
    }

    private static Response lifecycle(RunningApp app, String endpoint, String id, String secret) {
        return app.http.post("/auth/v3/oauth/" + endpoint, "token=whatever", "Content-Type", FORM,
                "Authorization", HttpTestClient.basic(id, secret));
    }

    private static void assertInvalidClient(Response r, boolean locked) {
        assertEquals(401, r.status(), r.body());
        assertEquals("invalid_client", r.json().get("error").asText());
        assertEquals("unknown client or wrong secret", r.json().get("error_description").asText(),
                "the same answer, locked or not");
        if (locked) {
            assertNotNull(r.header("Retry-After"), r.headers().toString());
        } else {
            assertNull(r.header("Retry-After"));
        }
    }

    @Test
    void tokenWhenTenWrongSecretsThenClientLockedOnEveryEndpointWhateverTheSecretAndAudited() {
        try (RunningApp app = RunningApp.start(dir)) {
            for (int i = 0; i < 10; i++) {
                assertInvalidClient(clientCredentials(app, "service", "guess-" + i), false);
            }
            Response right = clientCredentials(app, "service", "service-secret");
            assertInvalidClient(right, true);
            assertEquals("300", right.header("Retry-After"));
            assertInvalidClient(lifecycle(app, "revoke", "service", "service-secret"), true);
            assertInvalidClient(lifecycle(app, "introspect", "service", "service-secret"), true);
            assertTrue(app.http.signIn("demo\\agent1", "agent1-Secret!").has("access_token"),
                    "another client, the same address: not locked");

            Path audit = dir.resolve("audit.log");
            assertEquals(10, AuditLines.of(audit, "client_authentication", "wrong_secret").size());
            assertEquals(3, AuditLines.of(audit, "client_authentication", "locked_out").size());
            JsonNode lockout = AuditLines.of(audit, "lockout").get(0);
            assertEquals("client", lockout.get("kind").asText());
            assertEquals("service", lockout.get("key").asText());
            assertEquals("service", lockout.get("client").asText());

            app.clock.advance(Duration.ofMinutes(5));
            assertEquals(200, clientCredentials(app, "service", "service-secret").status(), "unlocked after 5 minutes");
        }
    }

    @Test
    void tokenWhenRightSecretBetweenWrongOnesThenFailuresStillCount() {
        try (RunningApp app = RunningApp.start(dir)) {
            for (int i = 0; i < 10; i++) {
                assertInvalidClient(clientCredentials(app, "service", "guess-" + i), false);
                if (i < 9) {
                    assertEquals(200, clientCredentials(app, "service", "service-secret").status(),
                            "the client itself keeps working");
                }
            }
            assertInvalidClient(clientCredentials(app, "service", "service-secret"), true);
        }
    }

    @Test
    void tokenWhenUnknownClientIdsFromOneAddressThenThatAddressLockedForClientsOnly() {
        try (RunningApp app = RunningApp.start(TestConfig.shipped(dir).withLockout(l -> l.withIpMaxFailures(5)))) {
            for (int i = 0; i < 5; i++) {
                assertInvalidClient(clientCredentials(app, "nobody-" + i, "secret"), false);
            }
            assertInvalidClient(clientCredentials(app, "service", "service-secret"), true);
            JsonNode lockout = AuditLines.of(dir.resolve("audit.log"), "lockout").get(0);
            assertEquals("client_ip", lockout.get("kind").asText());
            assertEquals("127.0.0.1", lockout.get("key").asText());
        }
    }

    @Test
    void tokenWhenAddressLockedForPasswordsThenItsClientsStillAuthenticate() {
        try (RunningApp app = RunningApp.start(TestConfig.shipped(dir).withLockout(l -> l.withIpMaxFailures(5)))) {
            for (int i = 0; i < 5; i++) {
                assertEquals(400, app.http.token("grant_type", "password", "username", "demo\\nobody" + i,
                        "password", "wrong").status());
            }
            assertEquals(400, app.http.token("grant_type", "password", "username", "demo\\agent1",
                    "password", "agent1-Secret!").status(), "the address may not sign users in");
            assertEquals(200, clientCredentials(app, "service", "service-secret").status(),
                    "but its clients authenticate: a user's app still refreshes");
        }
    }

    @Test
    void tokenWhenThirtyTwoWrongSecretsAtOnceThenTenCountedAndTheRightSecretRefused() throws Exception {
        try (RunningApp app = RunningApp.start(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(32);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            try {
                for (int i = 0; i < 32; i++) {
                    String guess = "guess-" + i;
                    answers.add(pool.submit(() -> {
                        go.await();
                        return clientCredentials(app, "service", guess);
                    }));
                }
                go.countDown();
                for (Future<Response> answer : answers) {
                    assertEquals(401, answer.get(60, TimeUnit.SECONDS).status());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(10, AuditLines.of(dir.resolve("audit.log"), "client_authentication", "wrong_secret").size(),
                    "one guess at a time: the 11th found the lockout");
            assertInvalidClient(clientCredentials(app, "service", "service-secret"), true);
        }
    }
}
