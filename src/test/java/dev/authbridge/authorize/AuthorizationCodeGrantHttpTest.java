package dev.authbridge.authorize;

import static dev.authbridge.authorize.BrowserClients.DEMO_REDIRECT;
import static dev.authbridge.authorize.BrowserClients.SPA_REDIRECT;
import static dev.authbridge.authorize.SignInClient.authorize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.code.PkceTest;
import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.HttpTestClient.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


/** {@code grant_type=authorization_code} at {@code /oauth/token} (RFC 6749 §4.1.3, RFC 7636). */
class AuthorizationCodeGrantHttpTest {
    @RegisterExtension
    static final DemoApp app = new DemoApp(config -> config.addClients(BrowserClients.ALL));

    /** A code for demo\agent1 through the sign-in page; extra authorize parameters as key-value pairs. */
    private static String code(String... extra) {
        String[] kv = new String[6 + extra.length];
        System.arraycopy(new String[] {"client_id", "demo-client", "response_type", "code", "redirect_uri",
            DEMO_REDIRECT}, 0, kv, 0, 6);
        System.arraycopy(extra, 0, kv, 6, extra.length);
        String location = new SignInClient(app.baseUrl()).signIn(authorize(kv), "demo\\agent1", "agent1-Secret!");
        return SignInClient.parameters(location).get("code");
    }

    private static Response exchange(String... kv) {
        return app.http().token(kv);
    }

    private static void assertInvalidGrant(Response r, String descriptionPart) {
        assertEquals(400, r.status(), r.body());
        assertEquals("invalid_grant", r.json().get("error").asText());
        assertTrue(r.json().get("error_description").asText().contains(descriptionPart), r.body());
    }

    @Test
    void exchangeWhenCodeValidThenTokensForTheSignedInUser() {
        Response r = exchange("grant_type", "authorization_code", "code", code(), "redirect_uri", DEMO_REDIRECT);
        assertEquals(200, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals("bearer", body.get("token_type").asText());
        assertEquals("*", body.get("scope").asText());
        assertNotNull(body.get("refresh_token"), "demo-client may refresh");
        assertEquals("no-store", r.header("Cache-Control"));
        Response userinfo = app.http().getWithBearer("/auth/v3/userinfo", body.get("access_token").asText());
        assertEquals("agent1", userinfo.json().get("loginName").asText());
    }

    @Test
    void exchangeWhenCodeReplayedThenRefusedAndTokensOfFirstExchangeRevoked() {
        String code = code();
        JsonNode first = exchange("grant_type", "authorization_code", "code", code, "redirect_uri", DEMO_REDIRECT).json();
        String access = first.get("access_token").asText();
        assertEquals(200, app.http().getWithBearer("/auth/v3/userinfo", access).status());
        assertInvalidGrant(exchange("grant_type", "authorization_code", "code", code, "redirect_uri", DEMO_REDIRECT),
                "already used");
        assertEquals(401, app.http().getWithBearer("/auth/v3/userinfo", access).status(), "RFC 6749 §4.1.2");
        assertInvalidGrant(exchange("grant_type", "refresh_token", "refresh_token",
                first.get("refresh_token").asText()), "");
    }

    @Test
    void exchangeWhenCodeExpiredThenInvalidGrant() {
        String code = code();
        app.clock().advance(Duration.ofSeconds(61));
        assertInvalidGrant(exchange("grant_type", "authorization_code", "code", code, "redirect_uri", DEMO_REDIRECT),
                "expired");
    }

    @Test
    void exchangeWhenJustBeforeExpiryThenAccepted() {
        String code = code();
        app.clock().advance(Duration.ofSeconds(59));
        assertEquals(200, exchange("grant_type", "authorization_code", "code", code, "redirect_uri", DEMO_REDIRECT)
                .status());
    }

    @Test
    void exchangeWhenRedirectUriMissingOrDifferentThenRefused() {
        String code = code();
        Response missing = exchange("grant_type", "authorization_code", "code", code);
        assertEquals("invalid_request", missing.json().get("error").asText());
        assertInvalidGrant(exchange("grant_type", "authorization_code", "code", code,
                "redirect_uri", DEMO_REDIRECT + "/"), "redirect_uri");
        assertEquals(200, exchange("grant_type", "authorization_code", "code", code, "redirect_uri", DEMO_REDIRECT)
                .status(), "a refused attempt does not burn the code");
    }

    @Test
    void exchangeWhenCodeUnknownOrGarbageThenInvalidGrant() {
        assertInvalidGrant(exchange("grant_type", "authorization_code", "code", "A".repeat(43),
                "redirect_uri", DEMO_REDIRECT), "unknown");
        assertInvalidGrant(exchange("grant_type", "authorization_code", "code", "x".repeat(5000),
                "redirect_uri", DEMO_REDIRECT), "unknown");
        assertEquals("invalid_request", exchange("grant_type", "authorization_code", "redirect_uri", DEMO_REDIRECT)
                .json().get("error").asText());
    }

    @Test
    void exchangeWhenCodeOfAnotherClientThenInvalidGrantAndCodeKept() {
        String code = code();
        Response other = app.http().post("/auth/v3/oauth/token", HttpTestClient.form(HttpTestClient.fields(
                        "grant_type", "authorization_code", "code", code, "redirect_uri", DEMO_REDIRECT)),
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", HttpTestClient.basic("webapp", "webapp-secret"));
        assertInvalidGrant(other, "another client");
        assertEquals(200, exchange("grant_type", "authorization_code", "code", code, "redirect_uri", DEMO_REDIRECT)
                .status());
    }

    @Test
    void exchangeWhenPkceVerifierRightThenTokens() {
        String code = code("code_challenge", PkceTest.CHALLENGE, "code_challenge_method", "S256");
        assertEquals(200, exchange("grant_type", "authorization_code", "code", code, "redirect_uri", DEMO_REDIRECT,
                "code_verifier", PkceTest.VERIFIER).status());
    }

    @Test
    void exchangeWhenPkceVerifierWrongOrMissingThenInvalidGrant() {
        String code = code("code_challenge", PkceTest.CHALLENGE, "code_challenge_method", "S256");
        assertInvalidGrant(exchange("grant_type", "authorization_code", "code", code, "redirect_uri", DEMO_REDIRECT,
                "code_verifier", "x".repeat(43)), "does not match");
        assertInvalidGrant(exchange("grant_type", "authorization_code", "code", code, "redirect_uri", DEMO_REDIRECT),
                "code_verifier is required");
    }

    /** RFC 9700 §4.8.2: a verifier for a code issued without challenge means someone dropped it. */
    @Test
    void exchangeWhenVerifierSentForCodeWithoutChallengeThenInvalidGrant() {
        assertInvalidGrant(exchange("grant_type", "authorization_code", "code", code(), "redirect_uri", DEMO_REDIRECT,
                "code_verifier", PkceTest.VERIFIER), "without code_challenge");
    }

    @Test
    void exchangeWhenPublicClientWithPkceThenTokensWithoutSecret() {
        String location = new SignInClient(app.baseUrl()).signIn(authorize("client_id", "spa", "response_type", "code",
                "redirect_uri", SPA_REDIRECT, "code_challenge", PkceTest.CHALLENGE, "code_challenge_method", "S256"),
                "demo\\agent3", "agent3-Secret!");
        Response r = app.http().post("/auth/v3/oauth/token", HttpTestClient.form(HttpTestClient.fields(
                        "grant_type", "authorization_code", "client_id", "spa", "code",
                        SignInClient.parameters(location).get("code"), "redirect_uri", SPA_REDIRECT,
                        "code_verifier", PkceTest.VERIFIER)),
                "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(200, r.status(), r.body());
        assertNotNull(r.json().get("refresh_token"));
    }

    @Test
    void exchangeWhenClientNotRegisteredForCodeGrantThenUnauthorizedClient() {
        Response r = app.http().post("/auth/v3/oauth/token", HttpTestClient.form(HttpTestClient.fields(
                        "grant_type", "authorization_code", "code", code(), "redirect_uri", DEMO_REDIRECT)),
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", HttpTestClient.basic("no-refresh", "no-refresh-secret"));
        assertEquals("unauthorized_client", r.json().get("error").asText());
    }

    @Test
    void exchangeWhenCodeRequestedOpenIdThenScopeKept() {
        Response r = exchange("grant_type", "authorization_code", "code", code("scope", "openid", "nonce", "n1"),
                "redirect_uri", DEMO_REDIRECT);
        assertEquals(200, r.status(), r.body());
        assertEquals("openid", r.json().get("scope").asText());
    }

    @Test
    void exchangeWhenClientWithoutRefreshGrantThenNoRefreshToken() {
        String location = new SignInClient(app.baseUrl()).signIn(authorize("client_id", "webapp", "response_type",
                "code", "redirect_uri", BrowserClients.WEBAPP_REDIRECT), "demo\\agent4", "agent4-Secret!");
        assertTrue(location.startsWith(BrowserClients.WEBAPP_REDIRECT + "&code="), location);
        Response r = app.http().post("/auth/v3/oauth/token", HttpTestClient.form(HttpTestClient.fields(
                        "grant_type", "authorization_code", "code", SignInClient.parameters(location).get("code"),
                        "redirect_uri", BrowserClients.WEBAPP_REDIRECT)),
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", HttpTestClient.basic("webapp", "webapp-secret"));
        assertEquals(200, r.status(), r.body());
        assertNull(r.json().get("refresh_token"));
    }

    @Test
    void signInWhenImplicitThenTokenInFragmentWithoutRefreshToken() {
        String location = new SignInClient(app.baseUrl()).signIn(authorize("client_id", "demo-client",
                "response_type", "token", "redirect_uri", DEMO_REDIRECT, "state", "imp"), "demo\\agent5", "agent5-Secret!");
        assertTrue(location.startsWith(DEMO_REDIRECT + "#"), location);
        var p = SignInClient.parameters(location);
        assertEquals("imp", p.get("state"));
        assertNull(p.get("refresh_token"));
        assertNull(p.get("code"));
        assertEquals(200, app.http().getWithBearer("/auth/v3/userinfo", p.get("access_token")).status());
    }
}
