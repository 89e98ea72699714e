package dev.authbridge.lockout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.testing.AuditLines;
import dev.authbridge.testing.DemoDirectory;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.Slapd;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brute-force protection over HTTP, on the shipped defaults (10 wrong passwords per user, 50
 * per address, in 15 minutes; locked for 5 minutes): refused as {@code invalid_grant} with
 * {@code Retry-After}, only that user, not spoofable by {@code X-Forwarded-For}, never counting
 * a directory outage.
 */
class LockoutHttpTest {
    @TempDir
    Path dir;

    private static HttpTestClient.Response password(RunningApp app, String user, String password, String... headers) {
        String[] all = new String[headers.length + 4];
        all[0] = "Content-Type";
        all[1] = "application/x-www-form-urlencoded";
        all[2] = "Authorization";
        all[3] = HttpTestClient.basic("demo-client", "demo-secret");
        System.arraycopy(headers, 0, all, 4, headers.length);
        return app.http.post("/auth/v3/oauth/token", HttpTestClient.form(HttpTestClient.fields(
                "grant_type", "password", "username", user, "password", password)), all);
    }

    @Test
    void twentyWrongPasswordsThenThatUserAloneLockedForFiveMinutesAndAudited() {
        try (RunningApp app = RunningApp.start(dir)) {
            for (int i = 1; i <= 20; i++) {
                HttpTestClient.Response r = password(app, "demo\\agent1", "wrong-" + i);
                assertEquals(400, r.status(), r.body());
                assertEquals("invalid_grant", r.json().get("error").asText());
                assertEquals("Bad credentials", r.json().get("error_description").asText(), "the same answer, locked or not");
                if (i <= 10) {
                    assertNull(r.header("Retry-After"), "attempt " + i);
                } else {
                    assertEquals("300", r.header("Retry-After"), "attempt " + i);
                }
            }
            HttpTestClient.Response right = password(app, "demo\\agent1", "agent1-Secret!");
            assertEquals(400, right.status(), "the right password does not open a locked account");
            assertEquals("300", right.header("Retry-After"));
            assertEquals(200, password(app, "DEMO\\agent2", "agent2-Secret!").status(), "only that user is locked");
            assertEquals(400, password(app, "Demo\\Agent1", "agent1-Secret!").status(), "nor another spelling of the name");

            app.clock.advance(Duration.ofMinutes(5));
            assertEquals(200, password(app, "demo\\agent1", "agent1-Secret!").status(), "unlocked after 5 minutes");

            Path audit = dir.resolve("audit.log");
            List<JsonNode> lockouts = AuditLines.of(audit, "lockout");
            assertEquals(1, lockouts.size());
            JsonNode lockout = lockouts.get(0);
            assertEquals("demo\\agent1", lockout.get("user").asText());
            assertEquals("f91397f1-6bf6-4fcd-8623-4c4efd81e152", lockout.get("tenant").asText());
            assertEquals("account", lockout.get("kind").asText(), "the account, however its name was spelled");
            assertEquals(300, lockout.get("seconds").asInt());
            assertEquals(1, lockout.get("strikes").asInt());
            assertEquals("127.0.0.1", lockout.get("sourceIp").asText());
            assertEquals(10, AuditLines.of(audit, "sign_in", "wrong_password").size());
            assertEquals(12, AuditLines.of(audit, "sign_in", "locked_out").size(), "10 wrong + 2 right during the lock");
        }
    }

    @Test
    void lockoutWhenSecondTimeThenTenMinutes() {
        try (RunningApp app = RunningApp.start(dir)) {
            for (int round = 1; round <= 2; round++) {
                for (int i = 0; i < 10; i++) {
                    password(app, "\\admin", "wrong");
                }
                HttpTestClient.Response r = password(app, "\\admin", "admin-Secret!");
                assertEquals(Integer.toString(300 * round), r.header("Retry-After"), "round " + round);
                app.clock.advance(Duration.ofMinutes(5L * round));
            }
            assertEquals(200, password(app, "\\admin", "admin-Secret!").status());
        }
    }

    @Test
    void forwardedForWhenPeerNotTrustedThenIgnoredAndTheAddressStillCounted() {
        try (RunningApp app = RunningApp.start(TestConfig.shipped(dir).withLockout(l -> l.withIpMaxFailures(5)))) {
            for (int i = 0; i < 5; i++) {
                password(app, "demo\\nobody" + i, "wrong", "X-Forwarded-For", "198.51.100." + i);
            }
            HttpTestClient.Response r = password(app, "demo\\agent3", "agent3-Secret!", "X-Forwarded-For", "198.51.100.99");
            assertEquals(400, r.status(), "the connection's address is locked, whatever the header says");
            assertTrue(Integer.parseInt(r.header("Retry-After")) > 0);
            JsonNode lockout = AuditLines.of(dir.resolve("audit.log"), "lockout").get(0);
            assertEquals("ip", lockout.get("kind").asText());
            assertEquals("127.0.0.1", lockout.get("key").asText());
        }
    }

    @Test
    void forwardedForWhenPeerTrustedThenClientAddressesCountedApart() {
        TestConfig config = TestConfig.shipped(dir)
                .withLockout(l -> l.withIpMaxFailures(5))
                .withTrustedProxies("127.0.0.1");
        try (RunningApp app = RunningApp.start(config)) {
            for (int i = 0; i < 5; i++) {
                password(app, "demo\\nobody" + i, "wrong", "X-Forwarded-For", "198.51.100." + i);
            }
            assertEquals(200, password(app, "demo\\agent3", "agent3-Secret!", "X-Forwarded-For", "198.51.100.99").status());
            for (int i = 0; i < 5; i++) {
                password(app, "demo\\nobody" + i, "wrong", "X-Forwarded-For", "203.0.113.9, 198.51.100.200");
            }
            HttpTestClient.Response r = password(app, "demo\\agent3", "agent3-Secret!", "X-Forwarded-For", "198.51.100.200");
            assertEquals(400, r.status(), "the proxy's client 198.51.100.200 is locked; the left-most entry was the client's word");
            JsonNode lockout = AuditLines.of(dir.resolve("audit.log"), "lockout").get(0);
            assertEquals("198.51.100.200", lockout.get("key").asText());
            assertEquals("198.51.100.200", lockout.get("sourceIp").asText());
        }
    }

    @Test
    void signInWhenDirectoryDownThen503AndNothingCounted() {
        try (Slapd slapd = DemoDirectory.start()) {
            TestConfig config = TestConfig.shipped(dir)
                    .externalDirectory(slapd.url(), Duration.ofSeconds(1), Duration.ofSeconds(2));
            try (RunningApp app = RunningApp.start(config)) {
                slapd.stopServer();
                for (int i = 0; i < 12; i++) {
                    assertEquals(503, password(app, "demo\\agent4", "agent4-Secret!").status());
                }
                slapd.restartServer();
                HttpTestClient.Response r = password(app, "demo\\agent4", "agent4-Secret!");
                assertEquals(200, r.status(), "an outage is never a wrong password: " + r.body());
                assertEquals(12, AuditLines.of(dir.resolve("audit.log"), "sign_in", "directory_unavailable").size());
                assertTrue(AuditLines.of(dir.resolve("audit.log"), "lockout").isEmpty());
            }
        }
    }
}
