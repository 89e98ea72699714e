package dev.authbridge.password;

import static dev.authbridge.password.ChangePasswordHttpTest.PATH;
import static dev.authbridge.password.ChangePasswordHttpTest.assertRefused;
import static dev.authbridge.password.ChangePasswordHttpTest.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.config.PasswordChangeStrategy;
import dev.authbridge.config.PasswordsConfig;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.PolicySlapd;
import dev.authbridge.testing.RunningApp;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Passwords and account states over HTTP, end to end, on OpenLDAP with the ppolicy overlay
 * ({@link PolicySlapd}): what {@code /change-password} and the password grant tell a user whose
 * password was reset, has expired (with and without grace sign-ins), is refused by the policy,
 * or whose account is locked; and a 503 when the directory is down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasswordPolicyHttpTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private PolicyApp policyApp;
    private PolicySlapd slapd;
    private RunningApp app;

    @BeforeAll
    void start() {
        policyApp = PolicyApp.start();
        slapd = policyApp.slapd;
        app = policyApp.app;
    }

    @AfterAll
    void stop() {
        if (policyApp != null) {
            policyApp.close();
        }
    }

    private record User(String login, String dn, String password) {}

    private User newUser() throws Exception {
        String uid = "web" + SEQUENCE.incrementAndGet();
        String password = uid + "-Initial-Pass1!";
        return new User("demo\\" + uid, slapd.createUser(uid, password), password);
    }

    private HttpTestClient http() {
        return app.http;
    }

    private Response grant(String login, String password) {
        return http().token("grant_type", "password", "username", login, "password", password);
    }

    private Response changeWithoutToken(User user, String oldPassword, String newPassword) {
        return http().post(PATH, body(oldPassword, newPassword, user.login(), null), "Content-Type", "application/json");
    }

    private static void assertInvalidGrant(Response r, String descriptionPart) {
        assertEquals(400, r.status(), r.body());
        assertEquals("invalid_grant", r.json().get("error").asText());
        assertTrue(r.json().get("error_description").asText().contains(descriptionPart), r.body());
    }

    /** The case: reset with must-change, a new password without a token, then sign in. */
    @Test
    void resetPasswordWhenChangedWithoutTokenThenSignInWorks() throws Exception {
        User user = newUser();
        slapd.adminReset(user.dn(), "Reset-By-Admin-1!");

        assertInvalidGrant(grant(user.login(), "Reset-By-Admin-1!"), "reset by an administrator");
        assertInvalidGrant(grant(user.login(), "Wrong-Password-1!"), "Bad credentials");

        Response changed = changeWithoutToken(user, "Reset-By-Admin-1!", "Chosen-By-User-1!");

        assertEquals(200, changed.status(), changed.body());
        Response signedIn = grant(user.login(), "Chosen-By-User-1!");
        assertEquals(200, signedIn.status(), signedIn.body());
        assertInvalidGrant(grant(user.login(), "Reset-By-Admin-1!"), "Bad credentials");
    }

    /** The case: an expired password with grace sign-ins left says how many remain. */
    @Test
    void expiredWithGraceWhenChangeRefusedThenToldGraceSignInsLeft() throws Exception {
        User user = newUser();
        slapd.usePolicy(user.dn(), "graceful");
        slapd.expire(user.dn());

        Response tooShort = changeWithoutToken(user, user.password(), "Short1!");

        assertRefused(tooShort, "PASSWORD_TOO_SHORT");
        JsonNode detail = tooShort.json().at("/status/detail");
        assertEquals(1, detail.get("graceLoginsRemaining").asInt(), tooShort.body());
        assertTrue(detail.get("warning").asText().contains("1 more sign-in"), tooShort.body());

        Response changed = changeWithoutToken(user, user.password(), "Renewed-After-Grace1!");
        assertEquals(200, changed.status(), changed.body());
        assertEquals(200, grant(user.login(), "Renewed-After-Grace1!").status());
    }

    /** Grace sign-ins let the password grant through until none is left; then "expired". */
    @Test
    void expiredWithGraceWhenPasswordGrantThenTokensUntilGraceUsedUpThenExpired() throws Exception {
        User user = newUser();
        slapd.usePolicy(user.dn(), "graceful");
        slapd.expire(user.dn());

        assertEquals(200, grant(user.login(), user.password()).status());
        assertEquals(200, grant(user.login(), user.password()).status());
        assertInvalidGrant(grant(user.login(), user.password()), "expired");
        assertInvalidGrant(grant(user.login(), user.password() + "x"), "Bad credentials");
    }

    @Test
    void expiredWithoutGraceThenGrantSaysExpiredAndChangeSaysExpired() throws Exception {
        User user = newUser();
        slapd.expire(user.dn());

        Response refused = grant(user.login(), user.password());

        assertInvalidGrant(refused, "expired");
        assertTrue(refused.json().get("error_description").asText().contains("/auth/v3/change-password"));
        assertRefused(changeWithoutToken(user, user.password(), "Never-Applied-1!"), "PASSWORD_EXPIRED");
        assertRefused(changeWithoutToken(user, user.password() + "x", "Never-Applied-1!"), "WRONG_OLD_PASSWORD");
    }

    @Test
    void policyRefusalsWhenChangingThenEachItsOwnReason() throws Exception {
        User user = newUser();
        String token = http().signIn(user.login(), user.password()).get("access_token").asText();

        assertRefused(post(token, user.password(), "Short1!"), "PASSWORD_TOO_SHORT");
        assertRefused(post(token, user.password(), user.password()), "PASSWORD_IN_HISTORY");
        assertEquals(200, post(token, user.password(), "Second-Password-1!").status());
        assertRefused(post(token, "Second-Password-1!", user.password()), "PASSWORD_IN_HISTORY");
        slapd.usePolicy(user.dn(), "young");
        assertRefused(post(token, "Second-Password-1!", "Third-Password-1!"), "PASSWORD_TOO_YOUNG");
        slapd.usePolicy(user.dn(), "fixed");
        assertRefused(post(token, "Second-Password-1!", "Third-Password-1!"), "PASSWORD_MOD_NOT_ALLOWED");
        assertRefused(post(token, "Not-The-Password-1!", "Third-Password-1!"), "WRONG_OLD_PASSWORD");
        assertEquals(200, grant(user.login(), "Second-Password-1!").status());
    }

    private Response post(String token, String oldPassword, String newPassword) {
        return http().post(PATH, body(oldPassword, newPassword, null, null),
                "Content-Type", "application/json", "Authorization", "Bearer " + token);
    }

    /** A locked account's state is never told: no directory proves the password of one. */
    @Test
    void lockedAccountThenGenericAnswersOnly() throws Exception {
        User user = newUser();
        slapd.lock(user.dn());

        assertInvalidGrant(grant(user.login(), user.password()), "Bad credentials");
        Response refused = changeWithoutToken(user, user.password(), "Never-Applied-1!");
        assertRefused(refused, "WRONG_OLD_PASSWORD");
        assertFalse(refused.body().toLowerCase().contains("lock"), refused.body());
    }

    @Test
    void expiringSoonWhenPasswordGrantThenTokensIssued() throws Exception {
        User user = newUser();
        slapd.expireIn(user.dn(), Duration.ofMinutes(20));

        assertEquals(200, grant(user.login(), user.password()).status());
    }

    /**
     * An outage is a 503 in the envelope, never a wrong password, and never counts toward the
     * lockout (ten attempts during it would reach lockout.userMaxFailures); served again once back.
     */
    @Test
    void changePasswordWhenDirectoryDownThen503NotCountedAndWhenBackThenWorks() throws Exception {
        User user = newUser();
        slapd.slapd().stopServer();
        try {
            for (int i = 0; i < 10; i++) {
                Response down = changeWithoutToken(user, user.password(), "Changed-When-Back-1!");

                assertEquals(503, down.status(), down.body());
                assertEquals(503, down.json().at("/status/code").asInt());
                assertEquals("DIRECTORY_UNAVAILABLE", down.json().at("/status/detail/reason").asText());
                assertFalse(down.body().contains(user.password()));
            }
        } finally {
            slapd.slapd().restartServer();
        }
        assertEquals(200, changeWithoutToken(user, user.password(), "Changed-When-Back-1!").status());
    }

    /** passwords.revokeOtherSessionsOnChange: false keeps the user's other sign-ins. */
    @Test
    void changePasswordWhenRevocationOffThenOtherSignInsStay() throws Exception {
        User user = newUser();
        try (RunningApp keeping = RunningApp.start(policyApp.config(policyApp.newDir("keeping"))
                .withPasswords(new PasswordsConfig(PasswordChangeStrategy.AUTO, false)))) {
            String other = keeping.http.signIn(user.login(), user.password()).get("access_token").asText();

            Response changed = keeping.http.post(PATH, body(user.password(), "Kept-Sessions-1!", user.login(), null),
                    "Content-Type", "application/json");

            assertEquals(200, changed.status(), changed.body());
            assertEquals(200, keeping.http.getWithBearer("/auth/v3/userinfo", other).status());
        }
    }
}
