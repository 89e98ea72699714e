package dev.authbridge.oauth;

import static dev.authbridge.testing.HttpTestClient.basic;
import static dev.authbridge.testing.HttpTestClient.fields;
import static dev.authbridge.testing.HttpTestClient.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient.Response;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /auth/v3/oauth/token} over real HTTP, on the embedded demo directory. */
class TokenEndpointHttpTest {
    private static final String TOKEN = "/auth/v3/oauth/token";
    private static final String FORM = "application/x-www-form-urlencoded";

    @RegisterExtension
    static final DemoApp app = new DemoApp();

    @Test
    void passwordGrantWhenCredentialsRightThenTokensIssued() {
        Response r = app.http().token("grant_type", "password", "username", "demo\\agent1", "password", "agent1-Secret!");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/json"));
        assertEquals("no-store", r.header("Cache-Control"));
        JsonNode body = r.json();
        assertTrue(body.get("access_token").asText().matches("[0-9a-f-]{36}"));
        assertEquals("bearer", body.get("token_type").asText());
        long expiresIn = body.get("expires_in").asLong();
        assertTrue(expiresIn > 43100 && expiresIn <= 43200, "expires_in " + expiresIn);
        assertTrue(body.hasNonNull("refresh_token"));
        assertEquals("*", body.get("scope").asText());
    }

    @Test
    void passwordGrantWhenBareUserNameThenDefaultTenant() {
        JsonNode tokens = app.http().signIn("agent1", "agent1-Secret!");
        JsonNode me = app.http().getWithBearer("/auth/v3/userinfo", tokens.get("access_token").asText()).json();
        assertEquals("f91397f1-6bf6-4fcd-8623-4c4efd81e152", me.get("contactCenterId").asText());
    }

    @Test
    void passwordGrantWhenAcceptAsksForFormThenFormEncoded() {
        Response r = app.http().post(TOKEN, form(fields("grant_type", "password", "username", "demo\\agent1",
                        "password", "agent1-Secret!")),
                "Content-Type", FORM, "Accept", FORM, "Authorization", basic("demo-client", "demo-secret"));
        assertEquals(200, r.status(), r.body());
        assertTrue(r.contentType().startsWith(FORM));
        assertTrue(r.body().matches("access_token=[0-9a-f-]{36}&token_type=bearer&expires_in=\\d+&refresh_token=[0-9a-f-]{36}&scope=\\*"), r.body());
    }

    @Test
    void passwordGrantWhenScopeOpenidThenKept() {
        Response r = app.http().token("grant_type", "password", "username", "demo\\agent1", "password", "agent1-Secret!",
                "scope", "openid");
        assertEquals("openid", r.json().get("scope").asText());
    }

    @Test
    void passwordGrantWhenScopeUnknownThenInvalidScope() {
        assertOAuthError(app.http().token("grant_type", "password", "username", "demo\\agent1",
                "password", "agent1-Secret!", "scope", "admin"), 400, "invalid_scope");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo\\agent1|wrong", "demo\\nobody|agent1-Secret!", "acme\\agent8|agent8-Secret!", "acme\\agent1|agent1-Secret!",
            "nowhere\\agent1|agent1-Secret!", "demo\\agent1| ", "demo\\agent1|   ", "demo\\*|agent1-Secret!",
            "demo\\a*|agent1-Secret!", "demo\\*)(uid=*|agent1-Secret!", "demo\\admin)(|(uid=*|agent1-Secret!",
            "uid=agent1,ou=people,ou=demo,dc=example,dc=com|agent1-Secret!", "demo\\agënt1|agent1-Secret!",
            "demo\\用户|agent1-Secret!", "\\agent1|agent1-Secret!"})
    void passwordGrantWhenCredentialsWrongThenInvalidGrant(String userAndPassword) {
        String[] parts = userAndPassword.split("\\|", 2);
        Response r = app.http().token("grant_type", "password", "username", parts[0], "password", parts[1]);
        assertOAuthError(r, 400, "invalid_grant");
        assertEquals("Bad credentials", r.json().get("error_description").asText());
    }

    /**
     * A password that cannot be verified is bad credentials, as the vendor's Spring Security
     * answers; RFC 6749 §3.2 makes an empty one and none at all one request.
     */
    @ParameterizedTest
    @ValueSource(strings = {"&password=", "&password=%20", "&password=%09", "&password", ""})
    void passwordGrantWhenPasswordEmptyBlankOrMissingThenInvalidGrantBadCredentials(String password) {
        Response r = app.http().post(TOKEN, "grant_type=password&username=demo%5Cagent1" + password,
                "Content-Type", FORM, "Authorization", basic("demo-client", "demo-secret"));
        assertOAuthError(r, 400, "invalid_grant");
        assertEquals("Bad credentials", r.json().get("error_description").asText());
    }

    @Test
    void passwordGrantWhenUserNameHuge10kThenInvalidGrant() {
        String huge = "demo\\" + "a".repeat(10_000);
        assertOAuthError(app.http().token("grant_type", "password", "username", huge, "password", "x"), 400, "invalid_grant");
    }

    @Test
    void passwordGrantWhenUserMissingThenInvalidRequest() {
        assertOAuthError(app.http().token("grant_type", "password", "password", "agent1-Secret!"), 400, "invalid_request");
    }

    @Test
    void tokenWhenParameterRepeatedThenInvalidRequest() {
        Response r = app.http().post(TOKEN, "grant_type=password&username=demo%5Cagent1&username=demo%5Cagent2&password=x",
                "Content-Type", FORM, "Authorization", basic("demo-client", "demo-secret"));
        assertOAuthError(r, 400, "invalid_request");
    }

    @Test
    void tokenWhenFormMalformedThenInvalidRequest() {
        Response r = app.http().post(TOKEN, "grant_type=password&username=%zz&password=x",
                "Content-Type", FORM, "Authorization", basic("demo-client", "demo-secret"));
        assertOAuthError(r, 400, "invalid_request");
    }

    @Test
    void tokenWhenBodyIsJsonThenInvalidRequest() {
        Response r = app.http().post(TOKEN, "{\"grant_type\":\"password\"}",
                "Content-Type", "application/json", "Authorization", basic("demo-client", "demo-secret"));
        assertOAuthError(r, 400, "invalid_request");
    }

    @Test
    void tokenWhenParametersInUrlThenInvalidRequest() {
        Response r = app.http().post(TOKEN + "?grant_type=password&username=demo%5Cagent1&password=agent1-Secret!", "",
                "Content-Type", FORM, "Authorization", basic("demo-client", "demo-secret"));
        assertOAuthError(r, 400, "invalid_request");
    }

    @Test
    void tokenWhenBodyTooLargeThen413() {
        Response r = app.http().post(TOKEN, "grant_type=password&pad=" + "x".repeat(100_000),
                "Content-Type", FORM, "Authorization", basic("demo-client", "demo-secret"));
        assertEquals(413, r.status());
        assertEquals(413, r.json().get("status").get("code").asInt());
    }

    @Test
    void tokenWhenClientSecretWrongThenInvalidClient() {
        Response r = app.http().post(TOKEN, "grant_type=client_credentials",
                "Content-Type", FORM, "Authorization", basic("demo-client", "nope"));
        assertOAuthError(r, 401, "invalid_client");
        assertTrue(r.header("WWW-Authenticate").startsWith("Basic"));
    }

    @Test
    void tokenWhenNoClientCredentialsThenInvalidClient() {
        Response r = app.http().post(TOKEN, "grant_type=client_credentials", "Content-Type", FORM);
        assertOAuthError(r, 401, "invalid_client");
    }

    @Test
    void tokenWhenClientUnknownThenInvalidClient() {
        Response r = app.http().post(TOKEN, "grant_type=client_credentials", "Content-Type", FORM,
                "Authorization", basic("ghost", "demo-secret"));
        assertOAuthError(r, 401, "invalid_client");
    }

    @Test
    void tokenWhenBasicMalformedThenInvalidClient() {
        Response r = app.http().post(TOKEN, "grant_type=client_credentials", "Content-Type", FORM,
                "Authorization", "Basic !!!not-base64");
        assertOAuthError(r, 401, "invalid_client");
    }

    @Test
    void tokenWhenFormClientIdAgreesWithBasicThenAccepted() {
        Response r = app.http().post(TOKEN, "grant_type=client_credentials&client_id=demo-client", "Content-Type", FORM,
                "Authorization", basic("demo-client", "demo-secret"), "x-api-key", "whatever");
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void tokenWhenFormClientIdDisagreesWithBasicThenInvalidClient() {
        Response r = app.http().post(TOKEN, "grant_type=client_credentials&client_id=service", "Content-Type", FORM,
                "Authorization", basic("demo-client", "demo-secret"));
        assertOAuthError(r, 401, "invalid_client");
    }

    @Test
    void tokenWhenSecretInBothBasicAndFormThenInvalidRequest() {
        Response r = app.http().post(TOKEN, "grant_type=client_credentials&client_secret=demo-secret", "Content-Type", FORM,
                "Authorization", basic("demo-client", "demo-secret"));
        assertOAuthError(r, 400, "invalid_request");
    }

    @Test
    void tokenWhenCredentialsInFormThenAccepted() {
        Response r = app.http().post(TOKEN, "grant_type=client_credentials&client_id=service&client_secret=service-secret",
                "Content-Type", FORM);
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void publicClientWhenSecretSentThenInvalidClient() {
        Response r = app.http().post(TOKEN, "grant_type=password&client_id=public-app&client_secret=x&username=agent1&password=agent1-Secret!",
                "Content-Type", FORM);
        assertOAuthError(r, 401, "invalid_client");
    }

    @Test
    void publicClientWhenPasswordGrantThenTokens() {
        Response r = app.http().post(TOKEN, "grant_type=password&client_id=public-app&username=demo%5Cagent1&password=agent1-Secret!",
                "Content-Type", FORM);
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void tokenWhenGrantTypeUnknownThenUnsupportedGrantType() {
        assertOAuthError(app.http().token("grant_type", "urn:foo"), 400, "unsupported_grant_type");
    }

    @Test
    void tokenWhenGrantTypeUnknownThenDescriptionListsEverySupportedTypeInNameOrder() {
        for (int i = 0; i < 3; i++) {
            Response r = app.http().token("grant_type", "urn:foo");
            assertEquals("unsupported grant_type; supported: "
                    + "[authorization_code, client_credentials, password, refresh_token, "
                    + "urn:ietf:params:oauth:grant-type:jwt-bearer, urn:ietf:params:oauth:grant-type:token-exchange]",
                    r.json().get("error_description").asText());
        }
    }

    @Test
    void tokenWhenGrantTypeMissingThenInvalidRequest() {
        assertOAuthError(app.http().token("username", "x"), 400, "invalid_request");
    }

    @Test
    void tokenWhenClientNotRegisteredForGrantThenUnauthorizedClient() {
        Response r = app.http().post(TOKEN, "grant_type=password&username=demo%5Cagent1&password=agent1-Secret!",
                "Content-Type", FORM, "Authorization", basic("service", "service-secret"));
        assertOAuthError(r, 400, "unauthorized_client");
    }

    @Test
    void passwordGrantWhenClientHasNoRefreshGrantThenNoRefreshToken() {
        Response r = app.http().post(TOKEN, "grant_type=password&username=demo%5Cagent1&password=agent1-Secret!",
                "Content-Type", FORM, "Authorization", basic("no-refresh", "no-refresh-secret"));
        assertEquals(200, r.status(), r.body());
        assertFalse(r.json().has("refresh_token"));
    }

    @Test
    void clientCredentialsWhenValidThenTokenWithoutRefresh() {
        Response r = app.http().post(TOKEN, "grant_type=client_credentials", "Content-Type", FORM,
                "Authorization", basic("service", "service-secret"));
        assertEquals(200, r.status(), r.body());
        assertFalse(r.json().has("refresh_token"));
        String access = r.json().get("access_token").asText();
        JsonNode me = app.http().getWithBearer("/auth/v3/userinfo", access).json();
        assertEquals("service", me.get("username").asText());
        for (String notSetForServices : List.of("loginName", "cmeUserName", "dbid", "contactCenterId")) {
            assertFalse(me.has(notSetForServices), notSetForServices + " in " + me);
        }
        JsonNode openId = app.http().getWithBearer("/auth/v3/openid/userinfo", access).json();
        assertEquals("service", openId.get("sub").asText());
        for (String notSetForServices : List.of("user_name", "dbid", "contact_center_id", "email", "given_name",
                "family_name")) {
            assertFalse(openId.has(notSetForServices), notSetForServices + " in " + openId);
        }
    }

    @Test
    void refreshWhenValidThenRotated() {
        JsonNode first = app.http().signIn("demo\\agent2", "agent2-Secret!");
        Response r = app.http().token("grant_type", "refresh_token", "refresh_token", first.get("refresh_token").asText());
        assertEquals(200, r.status(), r.body());
        JsonNode second = r.json();
        assertNotEquals(first.get("refresh_token").asText(), second.get("refresh_token").asText());
        assertNotEquals(first.get("access_token").asText(), second.get("access_token").asText());
        assertEquals(200, app.http().getWithBearer("/auth/v3/userinfo", second.get("access_token").asText()).status());
    }

    @Test
    void refreshWhenTokenReusedThenFamilyRevoked() {
        JsonNode first = app.http().signIn("demo\\agent3", "agent3-Secret!");
        JsonNode second = app.http().token("grant_type", "refresh_token", "refresh_token", first.get("refresh_token").asText()).json();
        Response replay = app.http().token("grant_type", "refresh_token", "refresh_token", first.get("refresh_token").asText());
        assertOAuthError(replay, 400, "invalid_grant");
        assertEquals(401, app.http().getWithBearer("/auth/v3/userinfo", second.get("access_token").asText()).status());
        assertOAuthError(app.http().token("grant_type", "refresh_token", "refresh_token", second.get("refresh_token").asText()),
                400, "invalid_grant");
    }

    @Test
    void refreshWhenIssuedToAnotherClientThenInvalidGrant() {
        JsonNode tokens = app.http().signIn("demo\\agent4", "agent4-Secret!");
        Response r = app.http().post(TOKEN, form(fields("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token").asText())),
                "Content-Type", FORM, "Authorization", basic("other", "other-secret"));
        assertOAuthError(r, 400, "invalid_grant");
        assertEquals(200, app.http().token("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token").asText()).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "00000000-0000-0000-0000-000000000000", "' OR 1=1 --"})
    void refreshWhenTokenGarbageThenInvalidGrant(String garbage) {
        assertOAuthError(app.http().token("grant_type", "refresh_token", "refresh_token", garbage), 400, "invalid_grant");
    }

    @Test
    void refreshWhenAccessTokenPresentedThenInvalidGrant() {
        JsonNode tokens = app.http().signIn("demo\\agent5", "agent5-Secret!");
        assertOAuthError(app.http().token("grant_type", "refresh_token", "refresh_token", tokens.get("access_token").asText()),
                400, "invalid_grant");
    }

    @Test
    void refreshWhenExpiredThenInvalidGrant() {
        JsonNode tokens = app.http().signIn("demo\\agent6", "agent6-Secret!");
        app.clock().advance(Duration.ofDays(31));
        try {
            assertOAuthError(app.http().token("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token").asText()),
                    400, "invalid_grant");
        } finally {
            app.clock().advance(Duration.ofDays(-31));
        }
    }

    @Test
    void refreshWhenClientDoesNotRotateThenSameRefreshToken() {
        String auth = basic("legacy", "legacy-secret");
        JsonNode first = app.http().post(TOKEN, "grant_type=password&username=demo%5Cagent7&password=agent7-Secret!",
                "Content-Type", FORM, "Authorization", auth).json();
        String refresh = first.get("refresh_token").asText();
        for (int i = 0; i < 2; i++) {
            Response r = app.http().post(TOKEN, form(fields("grant_type", "refresh_token", "refresh_token", refresh)),
                    "Content-Type", FORM, "Authorization", auth);
            assertEquals(200, r.status(), r.body());
            assertEquals(refresh, r.json().get("refresh_token").asText());
        }
    }

    @Test
    void tokenWhenGetThen405() {
        Response r = app.http().get(TOKEN);
        assertEquals(405, r.status());
        assertEquals(405, r.json().get("status").get("code").asInt());
    }

    static void assertOAuthError(Response r, int status, String error) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        JsonNode body = r.json();
        assertEquals(error, body.get("error").asText(), r.body());
        assertTrue(body.hasNonNull("error_description"));
        assertNull(body.get("status"), "RFC 6749 shape, not the envelope");
    }
}
