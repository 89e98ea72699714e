package dev.authbridge.session;

import static dev.authbridge.testing.HttpTestClient.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /ping} and {@code /sign-out} over real HTTP. */
class SessionHttpTest {
    @RegisterExtension
    static final DemoApp app = new DemoApp();

    private static String signIn(String user) {
        return app.http().signIn(user, user.substring(user.indexOf('\\') + 1) + "-Secret!").get("access_token").asText();
    }

    private static int userinfo(String token) {
        return app.http().getWithBearer("/auth/v3/userinfo", token).status();
    }

    @Test
    void pingWhenTokenValidThen200Envelope() {
        Response r = app.http().getWithBearer("/auth/v3/ping", signIn("demo\\agent1"));
        assertEquals(200, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals(0, body.get("status").get("code").asInt());
        assertEquals("/auth/v3/ping", body.get("path").asText());
        assertEquals(0, body.get("errors").size());
    }

    @Test
    void pingWhenNoTokenThen403() {
        Response r = app.http().get("/auth/v3/ping", "Content-Type", "application/json");
        assertEquals(403, r.status());
        assertEquals(403, r.json().get("status").get("code").asInt());
        assertEquals(403, app.http().getWithBearer("/auth/v3/ping", "garbage").status());
    }

    @Test
    void signOutWhenPostThenOnlyThatSignInEnds() {
        String first = signIn("demo\\agent2");
        String second = signIn("demo\\agent2");
        Response r = app.http().post("/auth/v3/sign-out", "", "Authorization", "Bearer " + first,
                "Content-Type", "application/json");
        assertEquals(200, r.status(), r.body());
        assertEquals(0, r.json().get("status").get("code").asInt());
        assertEquals(401, userinfo(first));
        assertEquals(200, userinfo(second));
    }

    @Test
    void signOutWhenNotGlobalThenRefreshTokenOfThatSignInDies() {
        JsonNode tokens = app.http().signIn("demo\\agent3", "agent3-Secret!");
        app.http().post("/auth/v3/sign-out", "", "Authorization", "Bearer " + tokens.get("access_token").asText());
        Response refresh = app.http().token("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token").asText());
        assertEquals(400, refresh.status());
        assertEquals("invalid_grant", refresh.json().get("error").asText());
    }

    @Test
    void signOutWhenGlobalThenEveryTokenOfTheUserEnds() {
        String first = signIn("demo\\agent4");
        String otherClient = app.http().post("/auth/v3/oauth/token",
                "grant_type=password&username=demo%5Cagent4&password=agent4-Secret!",
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", basic("other", "other-secret")).json().get("access_token").asText();
        String someoneElse = signIn("demo\\agent5");
        Response r = app.http().get("/auth/v3/sign-out?global=true", "Authorization", "Bearer " + first);
        assertEquals(200, r.status(), r.body());
        assertEquals(401, userinfo(first));
        assertEquals(401, userinfo(otherClient));
        assertEquals(200, userinfo(someoneElse));
    }

    @Test
    void signOutWhenRedirectUriRegisteredThen302() {
        String token = signIn("demo\\agent6");
        Response r = app.http().get("/auth/v3/sign-out?redirectUri=http%3A%2F%2F127.0.0.1%3A8095%2Fcallback",
                "Authorization", "Bearer " + token);
        assertEquals(302, r.status(), r.body());
        assertEquals("http://127.0.0.1:8095/callback", r.header("Location"));
        assertEquals(401, userinfo(token));
    }

    @Test
    void signOutWhenRedirectUriForeignThen400AndNothingRevoked() {
        String token = signIn("demo\\agent7");
        for (String evil : new String[] {"https://evil.example/", "https://evil.example/?x=http://127.0.0.1:8095/callback",
                "http://127.0.0.1:8095/callback/../admin", "https://other.example/done"}) {
            Response r = app.http().get("/auth/v3/sign-out?redirectUri=" + java.net.URLEncoder.encode(evil,
                    java.nio.charset.StandardCharsets.UTF_8), "Authorization", "Bearer " + token);
            assertEquals(400, r.status(), evil);
            assertEquals(null, r.header("Location"));
        }
        assertEquals(200, userinfo(token));
    }

    @Test
    void signOutWhenGlobalValueInvalidThen400() {
        String token = signIn("demo\\agent8");
        assertEquals(400, app.http().get("/auth/v3/sign-out?global=maybe", "Authorization", "Bearer " + token).status());
        assertEquals(200, userinfo(token));
    }

    @Test
    void signOutWhenTokenBadThen401() {
        assertEquals(401, app.http().post("/auth/v3/sign-out", "", "Authorization", "Bearer nope").status());
        assertEquals(401, app.http().get("/auth/v3/sign-out").status());
    }

    @Test
    void signOutWhenTokenAlreadySignedOutThen401() {
        String token = signIn("demo\\supervisor2");
        assertEquals(200, app.http().post("/auth/v3/sign-out", "", "Authorization", "Bearer " + token).status());
        assertEquals(401, app.http().post("/auth/v3/sign-out", "", "Authorization", "Bearer " + token).status());
    }
}
