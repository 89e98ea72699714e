package dev.authbridge.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.authorize.BrowserClients;
import dev.authbridge.authorize.SignInClient;
import dev.authbridge.config.CorsConfig;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CORS for browser applications: one origin allowed for every tenant, one per tenant. Preflights
 * and actual responses, over real HTTP.
 */
class CorsHttpTest {
    static final String EVERY = "https://every.example.com";
    static final String DEMO_APP = "https://wwe.demo.example";
    static final String ACME_APP = "https://wwe.acme.example:8443";
    private static RunningApp app;

    @BeforeAll
    static void start() throws IOException {
        // Origins as the loader keeps them: lower case, no default port (BrowserConfigTest).
        app = RunningApp.start(TestConfig.shipped(Files.createTempDirectory("authbridge-cors"))
                .withTenant("demo", t -> t.withCorsAllowedOrigins(List.of(DEMO_APP)))
                .withTenant("acme", t -> t.withCorsAllowedOrigins(List.of(ACME_APP)))
                .withCors(new CorsConfig(List.of(EVERY), List.of("Authorization", "Content-Type", "X-Api-Key"),
                        Duration.ofMinutes(15))));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Response preflight(String origin, String method, String headers) {
        return app.http.method("OPTIONS", "/auth/v3/userinfo", "Origin", origin, "Access-Control-Request-Method", method,
                "Access-Control-Request-Headers", headers);
    }

    private static String token(String user) {
        return app.http.signIn(user, user.substring(user.indexOf('\\') + 1) + "-Secret!").get("access_token").asText();
    }

    private static String acmeToken() {
        return app.http.signIn("acme\\agent1", "acme-agent1-Secret!").get("access_token").asText();
    }

    @ParameterizedTest
    @ValueSource(strings = {EVERY, DEMO_APP, ACME_APP})
    void preflightWhenOriginConfiguredThen204WithExactOriginAndCredentials(String origin) {
        Response r = preflight(origin, "GET", "authorization, x-api-key");
        assertEquals(204, r.status(), r.body());
        assertEquals(origin, r.header("Access-Control-Allow-Origin"));
        assertEquals("true", r.header("Access-Control-Allow-Credentials"));
        assertEquals("GET, POST", r.header("Access-Control-Allow-Methods"));
        assertEquals("Authorization, Content-Type, X-Api-Key", r.header("Access-Control-Allow-Headers"));
        assertEquals("900", r.header("Access-Control-Max-Age"));
        assertTrue(r.header("Vary").contains("Origin"));
    }

    @ParameterizedTest
    @CsvSource({
        "https://evil.example, GET, authorization",
        "https://every.example.com.evil.example, GET, authorization",
        "http://every.example.com, GET, authorization",
        "null, GET, authorization",
        "https://every.example.com, DELETE, authorization",
        "https://every.example.com, GET, x-evil",
        "https://wwe.demo.example:8443, GET, authorization"})
    void preflightWhenOriginMethodOrHeaderNotAllowedThen403WithoutAllowOrigin(String origin, String method,
            String headers) {
        Response r = preflight(origin, method, headers);
        assertEquals(403, r.status());
        assertNull(r.header("Access-Control-Allow-Origin"));
        assertEquals(403, r.json().get("status").get("code").asInt());
    }

    @Test
    void actualWhenOriginForEveryTenantThenReadable() {
        Response r = app.http.get("/auth/v3/userinfo", "Origin", EVERY, "Authorization", "Bearer " + acmeToken());
        assertEquals(200, r.status());
        assertEquals(EVERY, r.header("Access-Control-Allow-Origin"));
        assertEquals("true", r.header("Access-Control-Allow-Credentials"));
        assertTrue(r.header("Access-Control-Expose-Headers").contains("WWW-Authenticate"));
        assertEquals("Origin", r.header("Vary"));
    }

    @Test
    void actualWhenTenantOriginAndUserOfThatTenantThenReadable() {
        Response r = app.http.get("/auth/v3/userinfo", "Origin", DEMO_APP, "Authorization",
                "Bearer " + token("demo\\agent1"));
        assertEquals(DEMO_APP, r.header("Access-Control-Allow-Origin"), "config origin normalised to the wire form");
    }

    @Test
    void actualWhenTenantOriginAndUserOfAnotherTenantThenNotReadable() {
        Response r = app.http.get("/auth/v3/userinfo", "Origin", ACME_APP, "Authorization",
                "Bearer " + token("demo\\agent2"));
        assertEquals(200, r.status());
        assertNull(r.header("Access-Control-Allow-Origin"), "acme's app must not read a demo user's data");
        assertEquals("Origin", r.header("Vary"));
    }

    @Test
    void actualWhenTokenInvalidThenTenantOriginSeesThe401() {
        Response r = app.http.get("/auth/v3/userinfo", "Origin", ACME_APP, "Authorization", "Bearer nope");
        assertEquals(401, r.status());
        assertEquals(ACME_APP, r.header("Access-Control-Allow-Origin"), "the app must see it has to sign in again");
    }

    @Test
    void actualWhenOriginUnknownThenNoCorsHeadersButAnswered() {
        Response r = app.http.get("/auth/v3/ping", "Origin", "https://evil.example", "Authorization",
                "Bearer " + token("demo\\agent3"));
        assertEquals(200, r.status());
        assertNull(r.header("Access-Control-Allow-Origin"));
    }

    @Test
    void actualWhenSignInPageThenNeverReadableCrossOrigin() {
        Response r = app.http.get(SignInClient.authorize("client_id", "demo-client", "response_type", "code",
                "redirect_uri", BrowserClients.DEMO_REDIRECT), "Origin", EVERY);
        assertEquals(200, r.status());
        assertNull(r.header("Access-Control-Allow-Origin"));
    }

    private static Response tokenFrom(String origin, String... form) {
        return app.http.post("/auth/v3/oauth/token", HttpTestClient.form(HttpTestClient.fields(form)), "Origin", origin,
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", HttpTestClient.basic("demo-client", "demo-secret"));
    }

    private static Response introspectFrom(String origin, String token) {
        return app.http.post("/auth/v3/oauth/introspect", "token=" + token, "Origin", origin,
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", HttpTestClient.basic("demo-client", "demo-secret"));
    }

    @Test
    void tokenWhenTenantOriginAndUserOfAnotherTenantThenNotReadable() {
        Response r = tokenFrom(ACME_APP, "grant_type", "password", "username", "demo\\agent4", "password",
                "agent4-Secret!");
        assertEquals(200, r.status(), r.body());
        assertNull(r.header("Access-Control-Allow-Origin"), "acme's app must not read a demo user's tokens");
        assertEquals("Origin", r.header("Vary"));
    }

    @Test
    void tokenWhenTenantOriginAndUserOfThatTenantThenReadable() {
        Response r = tokenFrom(ACME_APP, "grant_type", "password", "username", "acme\\agent2", "password",
                "acme-agent2-Secret!");
        assertEquals(200, r.status(), r.body());
        assertEquals(ACME_APP, r.header("Access-Control-Allow-Origin"));
        assertEquals(EVERY, tokenFrom(EVERY, "grant_type", "password", "username", "demo\\agent4", "password",
                "agent4-Secret!").header("Access-Control-Allow-Origin"), "every-tenant origins read every answer");
    }

    @Test
    void tokenWhenUserOutsideEveryTenantOrClientTokenThenOnlyEveryTenantOriginsRead() {
        Response admin = tokenFrom(DEMO_APP, "grant_type", "password", "username", "\\admin", "password",
                "admin-Secret!");
        assertEquals(200, admin.status(), admin.body());
        assertNull(admin.header("Access-Control-Allow-Origin"));
        Response service = app.http.post("/auth/v3/oauth/token", "grant_type=client_credentials", "Origin", DEMO_APP,
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", HttpTestClient.basic("service", "service-secret"));
        assertEquals(200, service.status(), service.body());
        assertNull(service.header("Access-Control-Allow-Origin"));
    }

    /** A refusal is the same whoever the request named: the app must be able to show it. */
    @Test
    void tokenWhenRefusedThenReadableByATenantOrigin() {
        Response r = tokenFrom(ACME_APP, "grant_type", "password", "username", "acme\\agent3", "password", "wrong");
        assertEquals(400, r.status());
        assertEquals(ACME_APP, r.header("Access-Control-Allow-Origin"));
    }

    @Test
    void introspectWhenTenantOriginAndTokenOfAnotherTenantsUserThenNotReadable() {
        Response r = introspectFrom(ACME_APP, token("demo\\agent5"));
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get("active").asBoolean());
        assertNull(r.header("Access-Control-Allow-Origin"), "acme's app must not read about a demo user");
    }

    @Test
    void introspectWhenTenantOriginAndTokenOfItsOwnUserThenReadable() {
        Response r = introspectFrom(ACME_APP, acmeToken());
        assertTrue(r.json().get("active").asBoolean(), r.body());
        assertEquals(ACME_APP, r.header("Access-Control-Allow-Origin"));
        Response inactive = introspectFrom(ACME_APP, "no-such-token");
        assertEquals("{\"active\":false}", inactive.body());
        assertEquals(ACME_APP, inactive.header("Access-Control-Allow-Origin"), "about nobody");
    }

    @Test
    void jwtUserInfoAndSignOutWhenTenantOriginAndUserOfAnotherTenantThenNotReadable() {
        Response jwt = app.http.get("/auth/v3/jwt-userinfo", "Origin", ACME_APP, "Authorization",
                "Bearer " + token("demo\\agent6"));
        assertEquals(200, jwt.status());
        assertNull(jwt.header("Access-Control-Allow-Origin"));
        Response signOut = app.http.post("/auth/v3/sign-out", "", "Origin", ACME_APP, "Authorization",
                "Bearer " + token("demo\\agent6"));
        assertEquals(200, signOut.status());
        assertNull(signOut.header("Access-Control-Allow-Origin"));
    }

    /** Default deny: an answer no route said anything about may be about anyone. */
    @Test
    void actualWhenRouteRecordedNobodyThenOnlyEveryTenantOriginsRead() {
        Response unknown = app.http.get("/auth/v3/no-such-endpoint", "Origin", ACME_APP);
        assertEquals(404, unknown.status());
        assertNull(unknown.header("Access-Control-Allow-Origin"));
        assertEquals(EVERY, app.http.get("/auth/v3/no-such-endpoint", "Origin", EVERY)
                .header("Access-Control-Allow-Origin"));
        Response change = app.http.post("/auth/v3/change-password", "{\"data\":{\"userName\":\"demo\\\\agent7\","
                + "\"oldPassword\":\"wrong\",\"newPassword\":\"Another-Secret-1!\"}}", "Origin", ACME_APP,
                "Content-Type", "application/json");
        assertEquals(403, change.status(), change.body());
        assertNull(change.header("Access-Control-Allow-Origin"), "an answer about a demo user, recorded by nobody");
    }

    @Test
    void actualWhenPublicDocumentThenReadableByTenantOrigins() {
        for (String path : new String[] {"/auth/v3/.well-known/openid-configuration", "/auth/v3/jwks"}) {
            Response r = app.http.get(path, "Origin", ACME_APP);
            assertEquals(200, r.status(), path);
            assertEquals(ACME_APP, r.header("Access-Control-Allow-Origin"), path);
        }
    }

    @Test
    void optionsWithoutPreflightHeadersThenNotACorsAnswer() {
        Response r = app.http.method("OPTIONS", "/auth/v3/userinfo");
        assertNull(r.header("Access-Control-Allow-Origin"));
        assertTrue(r.status() == 404 || r.status() == 405, "plain OPTIONS is not served: " + r.status());
    }
}
