package dev.authbridge.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.testing.AuditLines;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.RunningApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log's line for each security event, read back from the file next to the store:
 * who, which tenant and client, from which address, with which request id (the one returned in
 * {@code X-Request-Id}), the outcome and the reason — and never a password, token or secret.
 */
class AuditLogHttpTest {
    private static final String DEMO_TENANT = "f91397f1-6bf6-4fcd-8623-4c4efd81e152";

    @TempDir
    static Path dir;

    private static RunningApp app;
    private static Path audit;
    /** Lines written before the test began: each test reads only its own. */
    private int before;

    @BeforeAll
    static void start() {
        app = RunningApp.start(dir);
        audit = dir.resolve("audit.log");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void mark() {
        before = java.nio.file.Files.exists(audit) ? AuditLines.read(audit).size() : 0;
    }

    private List<JsonNode> lines(String event) {
        return AuditLines.read(audit).stream().skip(before).filter(n -> n.get("event").asText().equals(event)).toList();
    }

    private List<JsonNode> lines(String event, String reason) {
        return lines(event).stream().filter(n -> n.path("reason").asText().equals(reason)).toList();
    }

    private static void assertOrigin(JsonNode line, HttpTestClient.Response response) {
        assertEquals("127.0.0.1", line.get("sourceIp").asText(), line.toString());
        assertEquals(response.header("X-Request-Id"), line.get("requestId").asText(), line.toString());
    }

    private JsonNode only(String event) {
        List<JsonNode> found = lines(event);
        assertEquals(1, found.size(), event + ": " + found);
        return found.get(0);
    }

    @Test
    void passwordGrantThenSignInAndTokenIssuedLines() {
        HttpTestClient.Response r = app.http.token("grant_type", "password", "username", "demo\\agent1",
                "password", "agent1-Secret!");
        assertEquals(200, r.status());
        JsonNode signIn = only("sign_in");
        assertEquals("success", signIn.get("outcome").asText());
        assertEquals("demo\\agent1", signIn.get("user").asText());
        assertEquals(DEMO_TENANT, signIn.get("tenant").asText());
        assertEquals("demo-client", signIn.get("client").asText());
        assertEquals("password", signIn.get("channel").asText());
        assertOrigin(signIn, r);
        assertEquals(app.clock.instant().truncatedTo(ChronoUnit.MILLIS), Instant.parse(signIn.get("time").asText()));
        JsonNode issued = only("token_issued");
        assertEquals("success", issued.get("outcome").asText());
        assertEquals("password", issued.get("grant").asText());
        assertEquals("demo\\agent1", issued.get("user").asText());
        assertEquals(DEMO_TENANT, issued.get("tenant").asText());
        assertOrigin(issued, r);
    }

    @Test
    void wrongPasswordAndUnknownUserThenFailureLinesWithTheirReasons() {
        HttpTestClient.Response wrong = app.http.token("grant_type", "password", "username", "demo\\agent1",
                "password", "Not-It-1!");
        app.http.token("grant_type", "password", "username", "demo\\ghost", "password", "Not-It-2!");
        app.http.token("grant_type", "password", "username", "mars\\agent1", "password", "Not-It-3!");
        JsonNode failure = lines("sign_in", "wrong_password").get(0);
        assertEquals("failure", failure.get("outcome").asText());
        assertEquals("demo\\agent1", failure.get("user").asText());
        assertOrigin(failure, wrong);
        assertEquals("demo\\ghost", lines("sign_in", "unknown_user").get(0).get("user").asText());
        assertEquals("mars\\agent1", lines("sign_in", "unknown_tenant").get(0).get("user").asText());
        List<JsonNode> refused = lines("token_refused", "invalid_grant");
        assertEquals(3, refused.size());
        assertEquals("password", refused.get(0).get("grant").asText());
    }

    @Test
    void refreshThenRefreshedLineAndReplayThenReuseLine() {
        JsonNode tokens = app.http.signIn("demo\\agent1", "agent1-Secret!");
        String refresh = tokens.get("refresh_token").asText();
        assertEquals(200, app.http.token("grant_type", "refresh_token", "refresh_token", refresh).status());
        HttpTestClient.Response replay = app.http.token("grant_type", "refresh_token", "refresh_token", refresh);
        assertEquals(400, replay.status());
        JsonNode refreshed = only("token_refreshed");
        assertEquals("refresh_token", refreshed.get("grant").asText());
        assertEquals("demo\\agent1", refreshed.get("user").asText());
        JsonNode reuse = only("refresh_token_reuse");
        assertEquals("failure", reuse.get("outcome").asText());
        assertEquals("demo-client", reuse.get("client").asText());
        assertEquals("refresh_token_reused", reuse.get("reason").asText());
        assertOrigin(reuse, replay);
    }

    @Test
    void clientCredentialsAndBadClientThenIssuedWithoutUserAndRefused() {
        HttpTestClient.Response ok = app.http.post("/auth/v3/oauth/token", "grant_type=client_credentials",
                "Content-Type", "application/x-www-form-urlencoded", "Authorization", HttpTestClient.basic("service", "service-secret"));
        assertEquals(200, ok.status());
        JsonNode issued = only("token_issued");
        assertEquals("service", issued.get("client").asText());
        assertFalse(issued.has("user"));
        HttpTestClient.Response bad = app.http.post("/auth/v3/oauth/token", "grant_type=client_credentials",
                "Content-Type", "application/x-www-form-urlencoded", "Authorization", HttpTestClient.basic("service", "guess"));
        assertEquals(401, bad.status());
        JsonNode refused = lines("token_refused", "invalid_client").get(0);
        assertEquals("service", refused.get("client").asText());
        assertOrigin(refused, bad);
    }

    @Test
    void signOutThenLineWithScope() {
        String access = app.http.signIn("demo\\supervisor1", "supervisor1-Secret!").get("access_token").asText();
        HttpTestClient.Response r = app.http.post("/auth/v3/sign-out?global=true", "", "Authorization", "Bearer " + access);
        assertEquals(200, r.status());
        JsonNode signOut = only("sign_out");
        assertEquals("demo\\supervisor1", signOut.get("user").asText());
        assertEquals("demo-client", signOut.get("client").asText());
        assertTrue(signOut.get("global").asBoolean());
        assertOrigin(signOut, r);
    }

    @Test
    void revocationRequestThenRevokedLineWithTheUserOrUnknownToken() {
        String refresh = app.http.signIn("demo\\agent6", "agent6-Secret!").get("refresh_token").asText();
        HttpTestClient.Response r = app.http.post("/auth/v3/oauth/revoke", "token=" + refresh,
                "Content-Type", "application/x-www-form-urlencoded", "Authorization", HttpTestClient.basic("demo-client", "demo-secret"));
        assertEquals(200, r.status());
        app.http.post("/auth/v3/oauth/revoke", "token=no-such-token",
                "Content-Type", "application/x-www-form-urlencoded", "Authorization", HttpTestClient.basic("demo-client", "demo-secret"));
        List<JsonNode> revoked = lines("tokens_revoked");
        assertEquals(2, revoked.size(), revoked.toString());
        assertEquals("success", revoked.get(0).get("outcome").asText());
        assertEquals("demo\\agent6", revoked.get(0).get("user").asText());
        assertEquals("sign-in", revoked.get(0).get("scope").asText());
        assertEquals("revocation_request", revoked.get(0).get("by").asText());
        assertOrigin(revoked.get(0), r);
        assertEquals("unknown_token", revoked.get(1).get("reason").asText());
    }

    @Test
    void implicitGrantOnTheSignInPathThenSignInAndTokenIssuedLines() {
        HttpTestClient.Response r = app.http.get("/auth/v3/oauth/authorize?client_id=demo-client&response_type=token"
                        + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8095%2Fcallback",
                "Authorization", HttpTestClient.basic("demo\\agent7", "agent7-Secret!"));
        assertEquals(302, r.status(), r.body());
        assertTrue(r.header("Location").contains("#access_token="), r.header("Location"));
        JsonNode signIn = only("sign_in");
        assertEquals("authorize_basic", signIn.get("channel").asText());
        JsonNode issued = only("token_issued");
        assertEquals("implicit", issued.get("grant").asText());
        assertEquals("demo\\agent7", issued.get("user").asText());
        assertEquals("demo-client", issued.get("client").asText());
        assertOrigin(issued, r);
    }

    @Test
    void everyEventThenNoPasswordTokenOrSecretInTheFile() throws Exception {
        JsonNode tokens = app.http.signIn("demo\\agent1", "agent1-Secret!");
        app.http.token("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token").asText());
        app.http.token("grant_type", "password", "username", "demo\\agent1", "password", "Wrong-Secret-42");
        app.http.post("/auth/v3/oauth/token", "grant_type=client_credentials&client_id=service&client_secret=service-secret",
                "Content-Type", "application/x-www-form-urlencoded");
        app.http.post("/auth/v3/sign-out", "", "Authorization", "Bearer " + tokens.get("access_token").asText());
        String text = Files.readString(audit);
        assertTrue(AuditLines.read(audit).size() - before >= 7, text);
        for (String secret : List.of("agent1-Secret!", "Wrong-Secret-42", "service-secret", "demo-secret",
                tokens.get("access_token").asText(), tokens.get("refresh_token").asText())) {
            assertFalse(text.contains(secret), "the audit log holds " + secret);
        }
    }

    @Test
    void requestIdWhenCallerSendsOneWithoutTrustedProxyThenReplaced() {
        HttpTestClient.Response r = app.http.post("/auth/v3/oauth/token", "grant_type=password&username=x&password=y",
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", HttpTestClient.basic("demo-client", "demo-secret"), "X-Request-Id", "forged-id");
        String id = r.header("X-Request-Id");
        assertTrue(id != null && !id.equals("forged-id"), id);
        assertEquals(id, lines("sign_in").get(0).get("requestId").asText());
    }
}
