package dev.authbridge.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.config.AuditConfig;
import dev.authbridge.config.TokenExchangeConfig;
import dev.authbridge.testing.AuditLines;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.SmallDisk;
import dev.authbridge.testing.TestClient;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log's disk fills up (the store's does not). By default lines are dropped and
 * counted, and tokens are still issued; with {@code audit.failClosed: true} a token whose
 * {@code token_issued} line cannot be written is never handed out (503, revoked in the store).
 * A full disk still takes lines into the audit file's last, partly used block, so requests are
 * made until one no longer fits (a block holds at most a few dozen lines).
 */
class AuditFullDiskHttpTest {
    private static final int AT_MOST = 80;

    @TempDir
    Path elsewhere;

    private RunningApp start(SmallDisk disk, boolean failClosed) {
        return RunningApp.start(TestConfig.shipped(elsewhere)
                .withAudit(new AuditConfig(disk.root().resolve("audit.log"), false, failClosed)));
    }

    private static double dropped(RunningApp app) {
        return PrometheusText.parse(app.http.get("/metrics").body()).value("authbridge_audit_dropped_total");
    }

    @Test
    void tokenWhenAuditDiskFullAndFailOpenThenIssuedAndDroppedLinesCounted() {
        try (SmallDisk disk = SmallDisk.mount(1); RunningApp app = start(disk, false)) {
            assertEquals(0, dropped(app));
            disk.fill();
            int requests = 0;
            while (dropped(app) == 0) {
                assertTrue(++requests <= AT_MOST, AT_MOST + " audit lines fitted on a full disk");
                Response r = app.http.token("grant_type", "client_credentials");
                assertEquals(200, r.status(), "fail-open: the token is issued all the same: " + r.body());
            }
            assertEquals(200, app.http.token("grant_type", "client_credentials").status());
            assertTrue(dropped(app) >= 2, "every dropped line counts");

            disk.free();
            assertEquals(200, app.http.token("grant_type", "client_credentials").status());
            List<JsonNode> lines = AuditLines.read(disk.root().resolve("audit.log")); // every line whole
            assertEquals("token_issued", lines.get(lines.size() - 1).get("event").asText(), "written again once freed");
        }
    }

    @Test
    void tokenWhenAuditDiskFullAndFailClosedThen503NothingHandedOutAndServesWhenFreed() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(1); RunningApp app = start(disk, true)) {
            String refresh = app.http.signIn("demo\\agent1", "agent1-Secret!").get("refresh_token").asText();
            disk.fill();
            int issued = 0;
            Response refused;
            while (true) {
                refused = app.http.token("grant_type", "password", "username", "demo\\agent2", "password", "agent2-Secret!");
                if (refused.status() != 200) {
                    break;
                }
                assertTrue(++issued < AT_MOST, AT_MOST + " audit lines fitted on a full disk");
            }
            assertUnavailable(refused);
            assertEquals(issued, liveAccessTokens("demo\\agent2"), "the withheld sign-in is revoked in the store");
            assertUnavailable(app.http.token("grant_type", "client_credentials"));
            assertUnavailable(app.http.token("grant_type", "refresh_token", "refresh_token", refresh));
            assertTrue(dropped(app) >= 3);

            disk.free();
            Response again = app.http.token("grant_type", "password", "username", "demo\\agent2", "password", "agent2-Secret!");
            assertEquals(200, again.status(), again.body());
            List<JsonNode> lines = AuditLines.of(disk.root().resolve("audit.log"), "token_issued");
            assertEquals("demo\\agent2", lines.get(lines.size() - 1).get("user").asText());
            assertEquals(issued + 1, liveAccessTokens("demo\\agent2"), "a token for every line, a line for every token");
        }
    }

    @Test
    void exchangeWhenAuditDiskFullAndFailClosedThen503AndOnlyTheExchangedTokenWithheld() throws Exception {
        String grant = TokenExchangeConfig.GRANT_TYPE;
        try (SmallDisk disk = SmallDisk.mount(1); RunningApp app = RunningApp.start(TestConfig.shipped(elsewhere)
                .withAudit(new AuditConfig(disk.root().resolve("audit.log"), false, true))
                .addClients(TestClient.confidential("gateway", "gateway-secret").grants(grant).build()))) {
            String subject = app.http.signIn("demo\\agent3", "agent3-Secret!").get("access_token").asText();
            disk.fill();
            Response refused;
            int issued = 0;
            while (true) {
                refused = app.http.post("/auth/v3/oauth/token", HttpTestClient.form(HttpTestClient.fields(
                                "grant_type", grant, "subject_token", subject,
                                "subject_token_type", "urn:ietf:params:oauth:token-type:access_token")),
                        "Content-Type", "application/x-www-form-urlencoded",
                        "Authorization", HttpTestClient.basic("gateway", "gateway-secret"));
                if (refused.status() != 200) {
                    break;
                }
                assertTrue(++issued < AT_MOST, AT_MOST + " audit lines fitted on a full disk");
            }
            assertUnavailable(refused);
            assertEquals(issued + 1, liveAccessTokens("demo\\agent3"),
                    "the withheld token is revoked; the sign-in it was exchanged from is not");
            assertEquals(200, app.http.getWithBearer("/auth/v3/userinfo", subject).status());
        }
    }

    private static void assertUnavailable(Response r) {
        assertEquals(503, r.status(), r.body());
        assertEquals("AUDIT_UNAVAILABLE", r.json().get("status").get("detail").get("reason").asText());
        assertTrue(r.body().contains("Service unavailable"), r.body());
        assertTrue(!r.body().contains("access_token"), r.body());
    }

    private long liveAccessTokens(String user) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + elsewhere.resolve("tokens.db"));
                var s = c.prepareStatement(
                        "SELECT count(*) FROM tokens WHERE user_name = ? AND kind = 'ACCESS' AND revoked_at IS NULL")) {
            s.setString(1, user);
            try (ResultSet rs = s.executeQuery()) {
                return rs.getLong(1);
            }
        }
    }
}
