package dev.authbridge.lockout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authbridge.authorize.BrowserClients;
import dev.authbridge.authorize.SignInClient;
import dev.authbridge.testing.AuditLines;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One account, one lockout, however its name is spelled — on every channel a password reaches
 * the directory through (the token endpoint, the sign-in page's form and its Basic shortcut,
 * {@code /change-password}), against a real directory (a subclass says which). The spellings
 * are those LDAP's matching rules take for the same entry: surrounding spaces around the user
 * and the tenant, case (also {@code İ}), fullwidth forms, a zero-width space; each designates
 * the account (it signs in with the right password), and none buys more guesses or gets in
 * while another is locked. Shipped limits: 10 per user, locked for 5 minutes.
 */
abstract class LockoutSpellingsHttpContract {
    static final List<String> AGENT1 = List.of("demo\\agent1", " demo\\agent1", "demo\\agent1 ", " DEMO \\ Agent1 ",
            "demo\\ＡＧＥＮＴ１", "Demo\\agent\u200b1");
    static final List<String> SUPERVISOR1 = List.of("demo\\supervisor1", "DEMO\\SUPERVİSOR1", "demo\\supervİsor1",
            "demo\\\u00a0Supervisor1\u3000");
    private static final String AUTHORIZE = SignInClient.authorize("client_id", "demo-client", "response_type", "code",
            "redirect_uri", BrowserClients.DEMO_REDIRECT, "state", "s-1");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The configuration of a fresh app (its store in {@code dir}) on the directory under test. */
    protected abstract TestConfig config(Path dir);

    private RunningApp start() {
        return RunningApp.start(config(dir));
    }

    private static Response token(RunningApp app, String user, String password) {
        return app.http.token("grant_type", "password", "username", user, "password", password);
    }

    private static void lockWithWrongPasswords(RunningApp app, List<String> spellings) {
        for (int i = 0; i < 10; i++) {
            Response r = token(app, spellings.get(i % spellings.size()), "wrong-" + i);
            assertEquals(400, r.status(), r.body());
            assertNull(r.header("Retry-After"), "guess " + (i + 1) + " of 10 is still checked");
        }
    }

    private static void assertLockedOut(Response r, int status) {
        assertEquals(status, r.status(), r.body());
        assertNotNull(r.header("Retry-After"), r.headers().toString());
        assertTrue(Long.parseLong(r.header("Retry-After")) > 0);
    }

    @Test
    void tokenWhenEverySpellingOfAnAccountThenSignsInAsIt() {
        try (RunningApp app = start()) {
            for (String spelling : AGENT1) {
                Response r = token(app, spelling, "agent1-Secret!");
                assertEquals(200, r.status(), "'" + spelling + "': " + r.body());
            }
            for (String spelling : SUPERVISOR1) {
                assertEquals(200, token(app, spelling, "supervisor1-Secret!").status(), spelling);
            }
            List<JsonNode> signIns = AuditLines.of(dir.resolve("audit.log"), "sign_in");
            assertTrue(signIns.stream().allMatch(l -> l.get("user").asText().matches("demo\\\\(agent1|supervisor1)")),
                    signIns.toString());
        }
    }

    @Test
    void tokenWhenGuessesSpreadOverSpellingsThenOneCountAndNoSpellingGetsIn() {
        try (RunningApp app = start()) {
            lockWithWrongPasswords(app, AGENT1);
            for (String spelling : AGENT1) {
                assertLockedOut(token(app, spelling, "agent1-Secret!"), 400);
            }
            assertEquals(200, token(app, "demo\\agent2", "agent2-Secret!").status(), "only that account is locked");

            Path audit = dir.resolve("audit.log");
            List<JsonNode> lockouts = AuditLines.of(audit, "lockout");
            assertEquals(1, lockouts.size(), lockouts.toString());
            assertEquals("account", lockouts.get(0).get("kind").asText());
            List<JsonNode> wrong = AuditLines.of(audit, "sign_in", "wrong_password");
            assertEquals(10, wrong.size());
            assertTrue(wrong.stream().allMatch(l -> l.get("user").asText().equals("demo\\agent1")),
                    "one name in the audit log, whatever was typed: " + wrong);

            app.clock.advance(Duration.ofMinutes(5));
            assertEquals(200, token(app, " DEMO \\ Agent1 ", "agent1-Secret!").status(), "unlocked after 5 minutes");
        }
    }

    @Test
    void tokenWhenDottedCapitalISpellingLockedThenTheAccountIsLocked() {
        try (RunningApp app = start()) {
            lockWithWrongPasswords(app, List.of("DEMO\\SUPERVİSOR1"));
            for (String spelling : SUPERVISOR1) {
                assertLockedOut(token(app, spelling, "supervisor1-Secret!"), 400);
            }
        }
    }

    @Test
    void signInPageWhenLockedThenNoSpellingSignsInByFormOrBasic() {
        try (RunningApp app = start()) {
            lockWithWrongPasswords(app, AGENT1);
            SignInClient browser = new SignInClient(app.baseUrl());
            for (String[] typed : List.of(new String[] {" agent1 ", " DEMO "}, new String[] {"ＡＧＥＮＴ１", "demo"},
                    new String[] {"Demo\\Agent1 ", null})) {
                Response page = browser.get(AUTHORIZE);
                assertEquals(200, page.status(), page.body());
                Response posted = browser.submit(page, typed[0], "agent1-Secret!", typed[1]);
                assertLockedOut(posted, 400);
                assertTrue(posted.body().contains("Wrong user name or password."), posted.body());
            }
            for (String spelling : AGENT1) {
                Response basic = browser.get(AUTHORIZE, "Authorization", HttpTestClient.basic(spelling, "agent1-Secret!"));
                assertLockedOut(basic, 401);
            }
            assertEquals(List.of(), AuditLines.of(dir.resolve("audit.log"), "sign_in").stream()
                    .filter(l -> l.get("outcome").asText().equals("success")).toList(), "nobody signed in");
        }
    }

    @Test
    void changePasswordWhenLockedThenNoSpellingChangesThePassword() {
        try (RunningApp app = start()) {
            lockWithWrongPasswords(app, SUPERVISOR1);
            for (String spelling : SUPERVISOR1) {
                Response r = changePassword(app, spelling, "supervisor1-Secret!", "supervisor1-Changed-1!");
                assertLockedOut(r, 403);
                assertEquals("WRONG_OLD_PASSWORD", r.json().at("/status/detail/reason").asText(), r.body());
            }
            app.clock.advance(Duration.ofMinutes(5));
            assertEquals(200, token(app, "demo\\supervisor1", "supervisor1-Secret!").status(),
                    "the password was not changed");
            assertEquals(400, token(app, "demo\\supervisor1", "supervisor1-Changed-1!").status());
        }
    }

    @Test
    void changePasswordWhenWrongOldPasswordsSpreadOverSpellingsThenTheAccountLocks() {
        try (RunningApp app = start()) {
            for (int i = 0; i < 10; i++) {
                String spelling = SUPERVISOR1.get(i % SUPERVISOR1.size());
                Response r = changePassword(app, spelling, "wrong-" + i, "supervisor1-Changed-1!");
                assertEquals(403, r.status(), r.body());
                assertNull(r.header("Retry-After"));
            }
            assertLockedOut(token(app, "demo\\supervisor1", "supervisor1-Secret!"), 400);
        }
    }

    @Test
    void tokenWhenUnknownNameSpelledManyWaysThenOneCounterForTheName() {
        try (RunningApp app = start()) {
            List<String> nobody = List.of("demo\\nobody", " DEMO\\Nobody ", "demo\\ＮＯＢＯＤＹ", "demo \\ nobody");
            lockWithWrongPasswords(app, nobody);
            assertLockedOut(token(app, "demo\\NOBODY", "anything"), 400);
            JsonNode lockout = AuditLines.of(dir.resolve("audit.log"), "lockout").get(0);
            assertEquals("user", lockout.get("kind").asText(), "a name no entry answers to");
            assertEquals("demo\\nobody", lockout.get("key").asText());
            assertEquals(200, token(app, "demo\\agent1", "agent1-Secret!").status());
        }
    }

    private static Response changePassword(RunningApp app, String user, String oldPassword, String newPassword) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data = root.putObject("data");
        data.put("userName", user);
        data.put("oldPassword", oldPassword);
        data.put("newPassword", newPassword);
        return app.http.post("/auth/v3/change-password", root.toString(), "Content-Type", "application/json");
    }

}
