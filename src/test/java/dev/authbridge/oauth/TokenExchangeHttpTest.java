package dev.authbridge.oauth;

import static dev.authbridge.testing.HttpTestClient.basic;
import static dev.authbridge.testing.HttpTestClient.fields;
import static dev.authbridge.testing.HttpTestClient.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.authbridge.config.TokenExchangeConfig;
import dev.authbridge.testing.AuditLines;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestClient;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token-exchange grant (RFC 8693) over real HTTP on the demo directory and a SQLite store:
 * {@code gateway} may exchange for itself and for {@code orders}, not for {@code billing}; the
 * demo client's password sign-ins are the subject tokens.
 */
class TokenExchangeHttpTest {
    private static final String GRANT = TokenExchangeConfig.GRANT_TYPE;
    private static final String ACCESS = TokenTypes.ACCESS_TOKEN;
    private static final String TOKEN = "/auth/v3/oauth/token";
    private static final String FORM = "application/x-www-form-urlencoded";
    /** A client whose id is a URI, so that {@code resource} can name it. */
    private static final String REPORTS = "https://reports.example/api";

    @TempDir
    static Path dir;

    private static RunningApp app;

    @BeforeAll
    static void start() {
        app = RunningApp.start(TestConfig.shipped(dir).addClients(
                TestClient.confidential("gateway", "gateway-secret").grants(GRANT, "client_credentials")
                        .exchangingFor("orders", REPORTS).build(),
                TestClient.confidential(REPORTS, "reports-secret").grants("client_credentials").build(),
                TestClient.confidential("orders", "orders-secret").grants("client_credentials").build(),
                TestClient.confidential("billing", "billing-secret").grants("client_credentials").build(),
                TestClient.confidential("brief", "brief-secret").grants("password")
                        .accessTokenTtl(Duration.ofMinutes(1)).build()));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Response post(String path, String client, String secret, String... kv) {
        return app.http.post(path, form(fields(kv)), "Content-Type", FORM, "Authorization", basic(client, secret));
    }

    /** A token exchange by {@code gateway} of {@code subject}, with more parameters. */
    private static Response exchange(String subject, String... more) {
        return exchangeAs("gateway", "gateway-secret", subject, more);
    }

    private static Response exchangeAs(String client, String secret, String subject, String... more) {
        List<String> kv = new ArrayList<>(List.of("grant_type", GRANT, "subject_token", subject,
                "subject_token_type", ACCESS));
        kv.addAll(List.of(more));
        return post(TOKEN, client, secret, kv.toArray(String[]::new));
    }

    private static JsonNode exchanged(Response r) {
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static String signIn(String user, String... scope) {
        List<String> kv = new ArrayList<>(List.of("grant_type", "password", "username", "demo\\" + user,
                "password", user + "-Secret!"));
        if (scope.length > 0) {
            kv.addAll(List.of("scope", scope[0]));
        }
        Response r = app.http.token(kv.toArray(String[]::new));
        assertEquals(200, r.status(), r.body());
        return r.json().get("access_token").asText();
    }

    private static String serviceToken(String client) {
        Response r = post(TOKEN, client, client + "-secret", "grant_type", "client_credentials");
        assertEquals(200, r.status(), r.body());
        return r.json().get("access_token").asText();
    }

    private static JsonNode introspect(String token) {
        Response r = post("/auth/v3/oauth/introspect", "billing", "billing-secret", "token", token);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static void assertError(Response r, String error) {
        assertEquals(400, r.status(), r.body());
        assertEquals(error, r.json().get("error").asText(), r.body());
        String description = r.json().get("error_description").asText();
        assertFalse(description.isBlank());
        assertTrue(description.chars().allMatch(c -> c >= 0x20 && c <= 0x7e && c != '"' && c != '\\'),
                "RFC 6749 section 5.2: error_description is printable ASCII without quote or backslash: " + description);
    }

    @Test
    void exchangeWhenLiveAccessTokenForPermittedAudienceThenTokenBoundToTarget() {
        String subject = signIn("agent1");

        Response r = exchange(subject, "audience", "orders");

        JsonNode body = exchanged(r);
        assertEquals("no-store", r.header("Cache-Control"));
        assertEquals(ACCESS, body.get("issued_token_type").asText(), "RFC 8693 §2.2.1");
        assertTrue(body.get("token_type").asText().equalsIgnoreCase("Bearer"));
        assertTrue(body.get("expires_in").asLong() > 0);
        assertFalse(body.has("refresh_token"), "an exchange issues no refresh token");
        assertEquals("*", body.get("scope").asText());
        String issued = body.get("access_token").asText();
        JsonNode introspected = introspect(issued);
        assertTrue(introspected.get("active").asBoolean());
        assertEquals("orders", introspected.get("client_id").asText());
        assertEquals("orders", introspected.get("aud").asText());
        assertEquals("demo\\agent1", introspected.get("username").asText());
        assertFalse(introspected.has("act"), "no actor: impersonation");
        Response userinfo = app.http.getWithBearer("/auth/v3/openid/userinfo", issued);
        assertEquals(200, userinfo.status(), userinfo.body());
        assertEquals("orders", userinfo.json().get("aud").asText());
        assertEquals(200, app.http.getWithBearer("/auth/v3/userinfo", subject).status(), "the subject token lives on");
    }

    @Test
    void exchangeWhenNoAudienceThenTokenForTheCallerItself() {
        JsonNode body = exchanged(exchange(signIn("agent2")));
        assertEquals("gateway", introspect(body.get("access_token").asText()).get("client_id").asText());
    }

    @Test
    void exchangeWhenResourceNamesAClientThenItIsTheTarget() {
        JsonNode body = exchanged(exchange(signIn("agent2"), "resource", REPORTS));
        assertEquals(REPORTS, introspect(body.get("access_token").asText()).get("client_id").asText());
        JsonNode both = exchanged(exchange(signIn("agent2"), "audience", REPORTS, "resource", REPORTS));
        assertEquals(REPORTS, introspect(both.get("access_token").asText()).get("client_id").asText());
        assertError(exchange(signIn("agent2"), "resource", "https://unknown.example/api"), "invalid_target");
        assertError(exchange(signIn("agent2"), "resource", "not a uri"), "invalid_request");
        assertError(exchange(signIn("agent2"), "audience", "orders", "resource", "https://orders.example"),
                "invalid_target");
    }

    @Test
    void exchangeWhenDelegatedAgainAndAgainThenTheChainIsBoundedNeverA500() {
        String actor = serviceToken("gateway");
        String token = signIn("agent4");
        int delegations = 0;
        Response r;
        while (true) {
            r = exchange(token, "actor_token", actor, "actor_token_type", ACCESS);
            if (r.status() != 200 || delegations > 1100) {
                break;
            }
            token = r.json().get("access_token").asText();
            delegations++;
        }
        assertError(r, "invalid_request");
        assertTrue(r.json().get("error_description").asText().contains("delegation"), r.body());
        assertEquals(TokenExchangeGrant.MAX_ACTORS, delegations, "one act per delegation, nested up to the bound");
        JsonNode last = introspect(token);
        assertTrue(last.get("active").asBoolean(), "the deepest token still answers");
        assertEquals(200, app.http.getWithBearer("/auth/v3/userinfo", token).status());
    }

    @Test
    void exchangeWhenActorTokenThenActClaimInIntrospectionAndIdToken() throws Exception {
        String subject = signIn("agent3", "* openid");
        String actor = serviceToken("gateway");

        JsonNode body = exchanged(exchange(subject, "audience", "orders", "actor_token", actor,
                "actor_token_type", ACCESS));

        JsonNode act = introspect(body.get("access_token").asText()).get("act");
        assertEquals("gateway", act.get("sub").asText());
        assertEquals("gateway", act.get("client_id").asText());
        assertFalse(act.has("act"));
        SignedJWT idToken = SignedJWT.parse(body.get("id_token").asText());
        assertEquals(List.of("orders"), idToken.getJWTClaimsSet().getAudience(), "the id token is the target's");
        assertEquals(Map.of("sub", "gateway", "client_id", "gateway"), idToken.getJWTClaimsSet().getJSONObjectClaim("act"));
    }

    @Test
    void exchangeWhenDelegatedSubjectTokenAndNewActorThenActNested() {
        String subject = signIn("agent3");
        String delegated = exchanged(exchange(subject, "actor_token", serviceToken("orders"),
                "actor_token_type", ACCESS)).get("access_token").asText();

        String twice = exchanged(exchange(delegated, "actor_token", serviceToken("gateway"),
                "actor_token_type", ACCESS)).get("access_token").asText();
        String kept = exchanged(exchange(delegated)).get("access_token").asText();

        JsonNode act = introspect(twice).get("act");
        assertEquals("gateway", act.get("sub").asText());
        assertEquals("orders", act.get("act").get("sub").asText(), "RFC 8693 §4.1: the prior actor nested");
        assertEquals("orders", introspect(kept).get("act").get("sub").asText(),
                "without an actor the delegation is kept, not laundered into impersonation");
    }

    @Test
    void exchangeWhenActorTokenWrongThenInvalidRequest() {
        String subject = signIn("agent4");
        assertError(exchange(subject, "actor_token", serviceToken("gateway")), "invalid_request");
        assertError(exchange(subject, "actor_token_type", ACCESS), "invalid_request");
        assertError(exchange(subject, "actor_token", "garbage", "actor_token_type", ACCESS), "invalid_request");
        assertError(exchange(subject, "actor_token", serviceToken("gateway"), "actor_token_type", TokenTypes.JWT),
                "invalid_request");
    }

    @Test
    void exchangeWhenNarrowerScopeThenNarrowed() {
        JsonNode body = exchanged(exchange(signIn("agent4", "* openid"), "scope", "openid"));
        assertEquals("openid", body.get("scope").asText());
        assertEquals("openid", introspect(body.get("access_token").asText()).get("scope").asText());
    }

    @Test
    void exchangeWhenWiderScopeThenInvalidScope() {
        assertError(exchange(signIn("agent5"), "scope", "* openid"), "invalid_scope");
        assertError(exchange(signIn("agent5"), "scope", "admin"), "invalid_scope");
    }

    @Test
    void exchangeWhenUnknownAudienceThenInvalidTarget() {
        assertError(exchange(signIn("agent5"), "audience", "nobody"), "invalid_target");
    }

    @Test
    void exchangeWhenAudienceNotPermittedThenInvalidTarget() {
        assertError(exchange(signIn("agent5"), "audience", "billing"), "invalid_target");
    }

    @Test
    void exchangeWhenClientNotRegisteredForTheGrantThenUnauthorizedClient() {
        Response r = exchangeAs("orders", "orders-secret", signIn("agent6"), "audience", "orders");
        assertEquals(400, r.status(), r.body());
        assertEquals("unauthorized_client", r.json().get("error").asText());
    }

    @Test
    void exchangeWhenSubjectTokenRevokedThenInvalidRequest() {
        String subject = signIn("agent6");
        assertEquals(200, post("/auth/v3/oauth/revoke", "demo-client", "demo-secret", "token", subject).status());
        assertError(exchange(subject, "audience", "orders"), "invalid_request");
    }

    @Test
    void exchangeWhenSubjectTokenExpiredThenInvalidRequest() {
        Response signIn = post(TOKEN, "brief", "brief-secret", "grant_type", "password",
                "username", "demo\\agent7", "password", "agent7-Secret!");
        String subject = signIn.json().get("access_token").asText();
        String exchangedBefore = exchanged(exchange(subject)).get("access_token").asText();
        app.clock.advance(Duration.ofMinutes(2));

        assertError(exchange(subject), "invalid_request");
        assertEquals(401, app.http.getWithBearer("/auth/v3/userinfo", exchangedBefore).status(),
                "an exchanged token never outlives its subject token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "00000000-0000-0000-0000-000000000000", "' OR 1=1 --", "*)(uid=*",
            "tökén-用户", "%00", " "})
    void exchangeWhenGarbageSubjectTokenThenInvalidRequest(String subject) {
        assertError(exchange(subject), "invalid_request");
    }

    @Test
    void exchangeWhenVeryLongSubjectTokenThenInvalidRequest() {
        assertError(exchange("x".repeat(20_000)), "invalid_request");
    }

    @Test
    void exchangeWhenRefreshTokenAsAccessTokenTypeThenInvalidRequest() {
        String refresh = app.http.signIn("demo\\agent8", "agent8-Secret!").get("refresh_token").asText();
        assertError(exchange(refresh), "invalid_request");
    }

    @Test
    void exchangeWhenClientsOwnTokenThenInvalidRequest() {
        assertError(exchange(serviceToken("orders"), "audience", "orders"), "invalid_request");
    }

    @ParameterizedTest
    @ValueSource(strings = {TokenTypes.REFRESH_TOKEN, "urn:ietf:params:oauth:token-type:saml2", "magic"})
    void exchangeWhenUnsupportedSubjectTokenTypeThenInvalidRequest(String type) {
        Response r = post(TOKEN, "gateway", "gateway-secret", "grant_type", GRANT, "subject_token", signIn("agent8"),
                "subject_token_type", type);
        assertError(r, "invalid_request");
        assertTrue(r.json().get("error_description").asText().contains("unsupported subject_token_type"), r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {TokenTypes.REFRESH_TOKEN, TokenTypes.ID_TOKEN, "urn:ietf:params:oauth:token-type:saml1",
            "magic"})
    void exchangeWhenRequestedTokenTypeNotAnAccessTokenThenInvalidRequest(String type) {
        assertError(exchange(signIn("agent8"), "requested_token_type", type), "invalid_request");
        JsonNode ok = exchanged(exchange(signIn("agent8"), "requested_token_type", ACCESS));
        assertEquals(ACCESS, ok.get("issued_token_type").asText());
    }

    @Test
    void exchangeWhenSubjectTokenMissingThenInvalidRequest() {
        assertError(post(TOKEN, "gateway", "gateway-secret", "grant_type", GRANT, "subject_token_type", ACCESS),
                "invalid_request");
        assertError(post(TOKEN, "gateway", "gateway-secret", "grant_type", GRANT, "subject_token", signIn("agent1")),
                "invalid_request");
    }

    @Test
    void signOutWhenSubjectSignsOutThenExchangedTokensDie() {
        String subject = signIn("agent1");
        String forOrders = exchanged(exchange(subject, "audience", "orders")).get("access_token").asText();
        String delegated = exchanged(exchange(forOrders, "actor_token", serviceToken("gateway"),
                "actor_token_type", ACCESS)).get("access_token").asText();

        Response out = app.http.post("/auth/v3/sign-out", "", "Authorization", "Bearer " + subject,
                "Content-Type", "application/json");

        assertEquals(200, out.status(), out.body());
        assertEquals(401, app.http.getWithBearer("/auth/v3/userinfo", forOrders).status());
        assertEquals(401, app.http.getWithBearer("/auth/v3/userinfo", delegated).status());
        assertFalse(introspect(forOrders).get("active").asBoolean());
    }

    @Test
    void revokeWhenSubjectsRefreshTokenRevokedOrReusedThenExchangedTokensDie() {
        JsonNode revokedSignIn = app.http.signIn("demo\\agent2", "agent2-Secret!");
        String fromRevoked = exchanged(exchange(revokedSignIn.get("access_token").asText(), "audience", "orders"))
                .get("access_token").asText();
        JsonNode reusedSignIn = app.http.signIn("demo\\agent3", "agent3-Secret!");
        String fromReused = exchanged(exchange(reusedSignIn.get("access_token").asText(), "audience", "orders"))
                .get("access_token").asText();
        String refresh = reusedSignIn.get("refresh_token").asText();

        post("/auth/v3/oauth/revoke", "demo-client", "demo-secret", "token",
                revokedSignIn.get("refresh_token").asText());
        assertEquals(200, app.http.token("grant_type", "refresh_token", "refresh_token", refresh).status());
        assertEquals(400, app.http.token("grant_type", "refresh_token", "refresh_token", refresh).status());

        assertEquals(401, app.http.getWithBearer("/auth/v3/userinfo", fromRevoked).status());
        assertEquals(401, app.http.getWithBearer("/auth/v3/userinfo", fromReused).status(),
                "refresh reuse revokes the sign-in, and what was exchanged from it");
    }

    @Test
    void revokeWhenExchangedTokenRevokedByTargetThenSubjectLivesOn() {
        String subject = signIn("agent4");
        String forOrders = exchanged(exchange(subject, "audience", "orders")).get("access_token").asText();

        post("/auth/v3/oauth/revoke", "orders", "orders-secret", "token", forOrders);

        assertEquals(401, app.http.getWithBearer("/auth/v3/userinfo", forOrders).status());
        assertEquals(200, app.http.getWithBearer("/auth/v3/userinfo", subject).status());
    }

    @Test
    void exchangeWhenDoneOrRefusedThenAuditedWithoutAnyToken() throws Exception {
        String subject = signIn("agent5");
        String actor = serviceToken("gateway");
        String issued = exchanged(exchange(subject, "audience", "orders", "actor_token", actor,
                "actor_token_type", ACCESS)).get("access_token").asText();
        exchange(subject, "audience", "billing");

        Path audit = dir.resolve("audit.log");
        List<JsonNode> done = AuditLines.of(audit, "token_issued").stream()
                .filter(n -> GRANT.equals(n.path("grant").asText())).toList();
        JsonNode line = done.get(done.size() - 1);
        assertEquals("gateway", line.get("client").asText(), line.toString());
        assertEquals("demo\\agent5", line.get("user").asText());
        assertEquals("orders", line.path("target").asText(), line.toString());
        assertEquals("gateway", line.path("actor").asText(), line.toString());
        List<JsonNode> refused = AuditLines.of(audit, "token_refused", "invalid_target");
        assertFalse(refused.isEmpty());
        String text = Files.readString(audit);
        for (String token : List.of(subject, actor, issued)) {
            assertFalse(text.contains(token), "the audit log holds a token");
        }
    }
}
