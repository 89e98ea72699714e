package dev.authbridge.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.HttpTestClient.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /auth/v3/change-password} over HTTP on the demo configuration (embedded directory,
 * no password policy): with a bearer token and without one, the envelope, the refusals, hostile
 * bodies, and the end of the user's other sign-ins. Each test changes the password of a demo
 * user no other test here uses.
 */
class ChangePasswordHttpTest {

    @RegisterExtension
    static final DemoApp app = new DemoApp();

    static final String PATH = "/auth/v3/change-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpTestClient http() {
        return app.http();
    }

    static String body(String oldPassword, String newPassword, String userName, String operationId) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data = root.putObject("data");
        data.put("oldPassword", oldPassword);
        data.put("newPassword", newPassword);
        if (userName != null) {
            data.put("userName", userName);
        }
        if (operationId != null) {
            root.put("operationId", operationId);
        }
        return root.toString();
    }

    static Response change(String body, String accessToken) {
        return accessToken == null
                ? http().post(PATH, body, "Content-Type", "application/json", "x-api-key", "any")
                : http().post(PATH, body, "Content-Type", "application/json", "Authorization", "bearer " + accessToken);
    }

    private static String accessToken(String user, String password) {
        return http().signIn(user, password).get("access_token").asText();
    }

    private static int grant(String user, String password) {
        return http().token("grant_type", "password", "username", user, "password", password).status();
    }

    /** A 403 of the API: envelope, message, {@code detail.reason} in the status and the error. */
    static void assertRefused(Response r, String reason) {
        assertEquals(403, r.status(), r.body());
        JsonNode json = r.json();
        assertEquals(403, json.at("/status/code").asInt());
        assertTrue(json.at("/status/message").asText().startsWith("Unable to update password"), r.body());
        assertEquals(reason, json.at("/status/detail/reason").asText(), r.body());
        assertEquals(reason, json.at("/errors/0/status/detail/reason").asText(), r.body());
        assertFalse(json.at("/errors/0/status/message").asText().isBlank());
        assertEquals(PATH, json.get("path").asText());
    }

    @Test
    void changePasswordWhenBearerTokenAndOldPasswordRightThen200WithOperationIdAndNewPasswordWorks() {
        String token = accessToken("demo\\agent2", "agent2-Secret!");

        Response r = change(body("agent2-Secret!", "agent2-Changed-1!", null, "op-42"), token);

        assertEquals(200, r.status(), r.body());
        assertEquals(0, r.json().at("/status/code").asInt());
        assertEquals("OK", r.json().at("/status/message").asText());
        assertEquals("op-42", r.json().at("/data/operationId").asText());
        assertEquals(PATH, r.json().get("path").asText());
        assertEquals(0, r.json().get("errors").size());
        assertEquals("no-store", r.header("Cache-Control"));
        assertTrue(r.contentType().startsWith("application/json"));
        assertEquals(200, grant("demo\\agent2", "agent2-Changed-1!"));
        assertEquals(400, grant("demo\\agent2", "agent2-Secret!"));
    }

    @Test
    void changePasswordWhenNoOperationIdThenEmptyData() {
        String token = accessToken("demo\\agent3", "agent3-Secret!");

        Response r = change(body("agent3-Secret!", "agent3-Changed-1!", null, null), token);

        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get("data").isObject());
        assertEquals(0, r.json().get("data").size());
    }

    /** The token's own user, however typed: the default tenant, another case. */
    @Test
    void changePasswordWhenUserNameIsTheTokensUserThen200() {
        String token = accessToken("demo\\agent4", "agent4-Secret!");

        assertEquals(200, change(body("agent4-Secret!", "agent4-Changed-1!", "demo\\agent4", null), token).status());
        assertEquals(200, change(body("agent4-Changed-1!", "agent4-Changed-2!", "agent4", null), token).status());
        assertEquals(200, change(body("agent4-Changed-2!", "agent4-Changed-3!", "DEMO\\Agent4", null), token).status());

        assertEquals(200, grant("demo\\agent4", "agent4-Changed-3!"));
    }

    /** A userName naming anyone else never moves the change to them. */
    @Test
    void changePasswordWhenUserNameIsSomeoneElseThen403AndNobodysPasswordChanged() {
        String token = accessToken("demo\\agent5", "agent5-Secret!");
        for (String other : List.of("demo\\agent6", "acme\\agent5", "\\admin", "nowhere\\agent5", "agent6")) {
            Response r = change(body("agent5-Secret!", "agent5-Changed-1!", other, null), token);

            assertRefused(r, "USER_NAME_MISMATCH");
        }
        assertEquals(200, grant("demo\\agent5", "agent5-Secret!"));
        assertEquals(200, grant("demo\\agent6", "agent6-Secret!"));
    }

    @Test
    void changePasswordWithoutTokenWhenUserNameAndOldPasswordRightThen200() {
        Response r = change(body("agent7-Secret!", "agent7-Changed-1!", "demo\\agent7", "op-7"), null);

        assertEquals(200, r.status(), r.body());
        assertEquals("op-7", r.json().at("/data/operationId").asText());
        assertEquals(200, grant("demo\\agent7", "agent7-Changed-1!"));
    }

    /** A wrong password, an unknown user, an unknown tenant: one and the same answer. */
    @Test
    void changePasswordWithoutTokenWhenWrongOldPasswordOrNoSuchUserThenTheSame403() {
        Response wrongPassword = change(body("agent8-Wrong!", "agent8-Changed-1!", "demo\\agent8", null), null);
        Response noSuchUser = change(body("agent8-Secret!", "agent8-Changed-1!", "demo\\nobody", null), null);
        Response noSuchTenant = change(body("agent8-Secret!", "agent8-Changed-1!", "nowhere\\agent8", null), null);
        Response filterSyntax = change(body("agent8-Secret!", "agent8-Changed-1!", "demo\\agent*", null), null);

        for (Response r : List.of(wrongPassword, noSuchUser, noSuchTenant, filterSyntax)) {
            assertRefused(r, "WRONG_OLD_PASSWORD");
            assertEquals(wrongPassword.body(), r.body());
        }
        assertEquals(200, grant("demo\\agent8", "agent8-Secret!"));
    }

    /**
     * An empty password is a password, as at the token endpoint: an empty old one is a wrong old
     * password (the vendor's 403, not a 400 for a malformed request), an empty new one too short.
     */
    @Test
    void changePasswordWhenOldPasswordEmptyOrBlankThenWrongOldPassword403() {
        for (String old : List.of("", " ", "\t")) {
            assertRefused(change(body(old, "agent1-Changed-1!", "demo\\agent1", null), null), "WRONG_OLD_PASSWORD");
        }
        String token = accessToken("demo\\agent1", "agent1-Secret!");
        assertRefused(change(body("", "agent1-Changed-1!", null, null), token), "WRONG_OLD_PASSWORD");
        assertEquals(200, grant("demo\\agent1", "agent1-Secret!"));
    }

    @Test
    void changePasswordWhenNewPasswordEmptyThenTooShort403AndNothingChanged() {
        assertRefused(change(body("agent1-Secret!", "", "demo\\agent1", null), null), "PASSWORD_TOO_SHORT");
        assertRefused(change(body("agent1-Secret!", "", null, null), accessToken("demo\\agent1", "agent1-Secret!")),
                "PASSWORD_TOO_SHORT");
        assertEquals(200, grant("demo\\agent1", "agent1-Secret!"));
    }

    @Test
    void changePasswordWithoutTokenAndWithoutUserNameThen400() {
        for (String body : List.of(body("agent1-Secret!", "agent1-Changed-1!", null, null),
                body("agent1-Secret!", "agent1-Changed-1!", "", null))) {
            Response r = change(body, null);

            assertEquals(400, r.status(), r.body());
            assertEquals(400, r.json().at("/status/code").asInt());
        }
        assertEquals(200, grant("demo\\agent1", "agent1-Secret!"));
    }

    /** A token that is not valid is a 401, never a fall back to the way without one. */
    @ParameterizedTest
    @ValueSource(strings = {"not-a-token", "a4b5da75-a584-4053-9227-0f0ab23ff06e"})
    void changePasswordWhenBearerTokenInvalidThen401EvenWithUserNameAndOldPassword(String token) {
        Response r = change(body("agent1-Secret!", "agent1-Changed-1!", "demo\\agent1", null), token);

        assertEquals(401, r.status(), r.body());
        assertEquals(200, grant("demo\\agent1", "agent1-Secret!"));
    }

    @Test
    void changePasswordWhenClientCredentialsTokenThen403NotAUserToken() {
        Response issued = http().token("grant_type", "client_credentials");
        String token = issued.json().get("access_token").asText();

        assertRefused(change(body("agent1-Secret!", "agent1-Changed-1!", "demo\\agent1", null), token),
                "NOT_A_USER_TOKEN");
        assertEquals(200, grant("demo\\agent1", "agent1-Secret!"));
    }

    /** Bodies that are not a change-password request: 400, the envelope, nothing echoed. */
    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[]", "null", "\"text\"", "{\"data\":null}", "{\"data\":[]}", "{\"data\":\"x\"}",
            "{\"data\":{}}",
            "{\"data\":{\"oldPassword\":\"agent1-Secret!\"}}",
            "{\"data\":{\"newPassword\":\"Sneaky-New-1!\",\"userName\":\"demo\\\\agent1\"}}",
            "{\"data\":{\"oldPassword\":7,\"newPassword\":\"Sneaky-New-1!\",\"userName\":\"demo\\\\agent1\"}}",
            "{\"data\":{\"oldPassword\":\"agent1-Secret!\",\"newPassword\":[\"Sneaky-New-1!\"],\"userName\":\"demo\\\\agent1\"}}",
            "{\"data\":{\"oldPassword\":\"agent1-Secret!\",\"newPassword\":\"Sneaky\\u0000New-1!\",\"userName\":\"demo\\\\agent1\"}}",
            "{\"data\":{\"oldPassword\":\"agent1-Secret!\",\"newPassword\":\"Sneaky\\nNew-1!\",\"userName\":\"demo\\\\agent1\"}}",
            "{\"data\":{\"oldPassword\":\"agent1-Secret!\",\"newPassword\":\"Sneaky\\ud800New-1!\",\"userName\":\"demo\\\\agent1\"}}",
            "{\"data\":{\"oldPassword\":\"agent1-Secret!\",\"newPassword\":\"Sneaky-New-1!\",\"newPassword\":\"Other-New-1!\",\"userName\":\"demo\\\\agent1\"}}",
            "{\"data\":{\"oldPassword\":\"agent1-Secret!\",\"newPassword\":\"Sneaky-New-1!\",\"userName\":[\"demo\\\\agent1\"]}}",
            "{\"data\":{\"oldPassword\":\"agent1-Secret!\",\"newPassword\":\"Sneaky-New-1!\",\"userName\":\"demo\\\\agent1\"},\"operationId\":{}}"})
    void changePasswordWhenBodyMalformedThen400AndNothingEchoedOrChanged(String body) {
        Response r = change(body, null);

        assertEquals(400, r.status(), r.body());
        assertEquals(400, r.json().at("/status/code").asInt());
        assertFalse(r.body().contains("Sneaky"), r.body());
        assertFalse(r.body().contains("agent1-Secret!"), r.body());
        assertEquals(200, grant("demo\\agent1", "agent1-Secret!"));
    }

    @Test
    void changePasswordWhenFieldsTooLongThen400() {
        String longPassword = "Aa1!".repeat(200);
        for (String body : List.of(body("agent1-Secret!", longPassword, "demo\\agent1", null),
                body(longPassword, "agent1-Changed-1!", "demo\\agent1", null),
                body("agent1-Secret!", "agent1-Changed-1!", "demo\\" + "a".repeat(2000), null),
                body("agent1-Secret!", "agent1-Changed-1!", "demo\\agent1", "o".repeat(300)))) {
            assertEquals(400, change(body, null).status());
        }
        assertEquals(200, grant("demo\\agent1", "agent1-Secret!"));
    }

    @Test
    void changePasswordWhenUnknownFieldsThenIgnored() {
        String body = "{\"data\":{\"oldPassword\":\"supervisor2-Secret!\",\"newPassword\":\"supervisor2-Changed-1!\","
                + "\"userName\":\"demo\\\\supervisor2\",\"extra\":{\"a\":1}},\"operationId\":\"op-s2\",\"client\":\"wwe\"}";

        Response r = change(body, null);

        assertEquals(200, r.status(), r.body());
        assertEquals("op-s2", r.json().at("/data/operationId").asText());
    }

    /** JSON only: a form or text a web page could post is not read. */
    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"})
    void changePasswordWhenNotJsonThen415(String contentType) {
        Response r = http().post(PATH, body("agent1-Secret!", "agent1-Changed-1!", "demo\\agent1", null),
                "Content-Type", contentType);

        assertEquals(415, r.status(), r.body());
        assertEquals(415, r.json().at("/status/code").asInt());
        assertEquals(200, grant("demo\\agent1", "agent1-Secret!"));
    }

    @Test
    void changePasswordWhenOtherMethodThen405() {
        for (String method : List.of("GET", "PUT", "DELETE")) {
            Response r = http().method(method, PATH);
            assertEquals(405, r.status(), method);
            assertEquals(405, r.json().at("/status/code").asInt());
        }
    }

    /**
     * A wrong old password is a guess like a wrong sign-in: the tenth for one user locks the
     * user name (lockout.userMaxFailures), and then even the right one is refused, unasked, with
     * the same answer and Retry-After; sign-ins of that user name are locked as well.
     */
    @Test
    void changePasswordWhenOldPasswordGuessedTooOftenThenLockedOutWithRetryAfter() {
        for (int i = 0; i < 10; i++) {
            assertRefused(change(body("guess-" + i, "supervisor1-Changed-1!", "demo\\supervisor1", null), null),
                    "WRONG_OLD_PASSWORD");
        }

        Response locked = change(body("supervisor1-Secret!", "supervisor1-Changed-1!", "demo\\supervisor1", null), null);

        assertRefused(locked, "WRONG_OLD_PASSWORD");
        assertTrue(Long.parseLong(locked.header("Retry-After")) > 0, locked.headers().toString());
        assertEquals(400, grant("demo\\supervisor1", "supervisor1-Secret!"));
        assertEquals(200, grant("demo\\agent1", "agent1-Secret!"), "only that user name is locked");
    }

    /** The caller's sign-in stays; the user's other sign-ins end; other users' stay. */
    @Test
    void changePasswordWithTokenThenOtherSignInsOfTheUserEndAndTheCallersStays() {
        JsonNode caller = http().signIn("acme\\agent1", "acme-agent1-Secret!");
        JsonNode otherDevice = http().signIn("acme\\agent1", "acme-agent1-Secret!");
        String colleague = accessToken("acme\\agent2", "acme-agent2-Secret!");

        Response r = change(body("acme-agent1-Secret!", "acme-agent1-Changed-1!", null, null),
                caller.get("access_token").asText());

        assertEquals(200, r.status(), r.body());
        assertEquals(200, http().getWithBearer("/auth/v3/userinfo", caller.get("access_token").asText()).status());
        assertEquals(401, http().getWithBearer("/auth/v3/userinfo", otherDevice.get("access_token").asText()).status());
        assertEquals(400, http().token("grant_type", "refresh_token",
                "refresh_token", otherDevice.get("refresh_token").asText()).status());
        assertEquals(200, http().token("grant_type", "refresh_token",
                "refresh_token", caller.get("refresh_token").asText()).status());
        assertEquals(200, http().getWithBearer("/auth/v3/userinfo", colleague).status());
    }

    @Test
    void changePasswordWithoutTokenThenEverySignInOfTheUserEnds() {
        String before = accessToken("acme\\agent3", "acme-agent3-Secret!");

        Response r = change(body("acme-agent3-Secret!", "acme-agent3-Changed-1!", "acme\\agent3", null), null);

        assertEquals(200, r.status(), r.body());
        assertEquals(401, http().getWithBearer("/auth/v3/userinfo", before).status());
    }
}
