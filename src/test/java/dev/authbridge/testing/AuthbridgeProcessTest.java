package dev.authbridge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.HttpTestClient.Response;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: authbridge in a JVM of its own, on the demo configuration. */
class AuthbridgeProcessTest {

    @TempDir Path store;

    @Test
    void startWhenDemoConfigThenServesAndKill9EndsItAtOnceAndRestartKeepsItsTokens() throws Exception {
        try (AuthbridgeProcess node = AuthbridgeProcess.start(TestConfig.shipped(store))) {
            assertTrue(node.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+"), node.baseUrl());
            assertNotEquals(ProcessHandle.current().pid(), node.pid());
            assertTrue(node.log().contains("authbridge listening on " + node.baseUrl() + "/auth/v3"), node.log());
            node.awaitReady(Duration.ofSeconds(10));

            Response grant = node.http().token("grant_type", "password", "username", "demo\\agent1",
                    "password", "agent1-Secret!");
            assertEquals(200, grant.status(), grant.body());
            String accessToken = grant.json().get("access_token").asText();
            assertEquals(200, node.http().getWithBearer("/auth/v3/userinfo", accessToken).status());
            assertTrue(Files.exists(store.resolve("tokens.db")), "the store is where the config put it");

            int port = URI.create(node.baseUrl()).getPort();
            long killedAt = System.nanoTime();
            node.kill9();
            Duration killedIn = Duration.ofNanos(System.nanoTime() - killedAt);
            assertFalse(node.isAlive());
            assertEquals(137, node.exitValue(), "128 + SIGKILL");
            assertTrue(killedIn.compareTo(Duration.ofSeconds(2)) < 0, "killed in " + killedIn);
            assertThrows(ConnectException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                }
            });

            node.restart();
            assertEquals(200, node.http().getWithBearer("/auth/v3/userinfo", accessToken).status(),
                    "a token issued before the kill is in the store after it");

            assertEquals(143, node.stop(), "SIGTERM: a graceful exit (128 + 15) through the shutdown hook");
        }
    }

    @Test
    void startWhenConfigInvalidThenRefusedWithItsProblemsAndNothingLeftRunning() {
        TestConfig shipped = TestConfig.shipped(store);
        TestConfig bad = shipped.withTenants(shipped.build().tenants(), "nowhere");
        RuntimeException refused = assertThrows(RuntimeException.class, () -> AuthbridgeProcess.start(bad));
        assertTrue(refused.getMessage().contains("defaultTenant"), refused.getMessage());
    }
}
