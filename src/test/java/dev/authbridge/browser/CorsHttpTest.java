package dev.authbridge.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.authorize.BrowserClients;
import dev.authbridge.authorize.SignInClient;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.RunningApp;
import java.io.IOException;
import java.nio.file.Files;
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
        String yaml = RunningApp.shippedConfig(Files.createTempDirectory("authbridge-cors"))
                .replace("    domains: [demo]\n", "    domains: [demo]\n    corsAllowedOrigins: [HTTPS://WWE.Demo.Example:443]\n")
                .replace("    domains: [acme]\n", "    domains: [acme]\n    corsAllowedOrigins: [" + ACME_APP + "]\n")
                + "cors:\n  allowedOrigins: [" + EVERY + "]\n  allowedHeaders: [Authorization, Content-Type, X-Api-Key]\n"
                + "  maxAge: 15m\n";
        app = RunningApp.start(yaml);
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

    @Test
    void optionsWithoutPreflightHeadersThenNotACorsAnswer() {
        Response r = app.http.method("OPTIONS", "/auth/v3/userinfo");
        assertNull(r.header("Access-Control-Allow-Origin"));
        assertTrue(r.status() == 404 || r.status() == 405, "plain OPTIONS is not served: " + r.status());
    }
}
