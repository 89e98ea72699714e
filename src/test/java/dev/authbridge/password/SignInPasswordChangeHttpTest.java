package dev.authbridge.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.authorize.SignInClient;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.PolicySlapd;
import dev.authbridge.testing.RunningApp;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sign-in page when the password needs attention, on OpenLDAP with the ppolicy overlay: an
 * expired or reset password leads to a change form that then completes the sign-in; a warning
 * (expires soon, grace sign-ins left) is shown before the redirect, with a way to continue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInPasswordChangeHttpTest {

    private static final String REDIRECT = "http://127.0.0.1:8095/callback";
    private static final String AUTHORIZE = SignInClient.authorize("client_id", "demo-client",
            "response_type", "code", "redirect_uri", REDIRECT, "state", "st-9");
    private static final String CHANGE = "/auth/v3/sign-in/change-password";
    private static final Pattern CONTINUE = Pattern.compile("<a id=\"continue\" class=\"button\" href=\"([^\"]*)\">");
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

    private record User(String uid, String dn, String password) {}

    private User newUser() throws Exception {
        String uid = "page" + SEQUENCE.incrementAndGet();
        String password = uid + "-Initial-Pass1!";
        return new User(uid, slapd.createUser(uid, password), password);
    }

    private SignInClient browser() {
        return new SignInClient(app.baseUrl());
    }

    /** Posts the change form of {@code page} with the given passwords. */
    private static Response submitChange(SignInClient browser, Response page, String current, String next, String again) {
        Map<String, String> fields = SignInClient.hiddenFields(page.body());
        fields.put("password", current);
        fields.put("newPassword", next);
        fields.put("confirmPassword", again);
        return browser.post(CHANGE, fields);
    }

    private static void assertCodeFor(Response r) {
        assertEquals(303, r.status(), r.body());
        String location = r.header("Location");
        assertTrue(location.startsWith(REDIRECT + "?code="), location);
        assertEquals("st-9", SignInClient.parameters(location).get("state"));
    }

    private static void assertChangeForm(Response page, int status, String message) {
        assertEquals(status, page.status(), page.body());
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        assertTrue(page.body().contains("action=\"/auth/v3/sign-in/change-password\""), page.body());
        assertTrue(page.body().contains(message), page.body());
    }

    @Test
    void signInWhenResetPasswordThenChangeFormAndChangeCompletesTheSignIn() throws Exception {
        User user = newUser();
        slapd.adminReset(user.dn(), "Reset-By-Admin-1!");
        SignInClient browser = browser();

        Response form = browser.submit(browser.get(AUTHORIZE), user.uid(), "Reset-By-Admin-1!", "demo");

        assertChangeForm(form, 200, "reset by an administrator");
        assertFalse(form.body().contains("Reset-By-Admin-1!"), "the password is never written into the page");
        assertFalse(form.body().contains("id=\"continue\""), "a reset password cannot be kept");
        Response done = submitChange(browser, form, "Reset-By-Admin-1!", "Chosen-On-Page-1!", "Chosen-On-Page-1!");

        assertCodeFor(done);
        assertEquals(200, app.http.token("grant_type", "password", "username", "demo\\" + user.uid(),
                "password", "Chosen-On-Page-1!").status());
    }

    @Test
    void signInWhenExpiredThenChangeFormAndRefusalsShownUntilAGoodOne() throws Exception {
        User user = newUser();
        slapd.expire(user.dn());
        SignInClient browser = browser();

        Response form = browser.submit(browser.get(AUTHORIZE), user.uid(), user.password(), "demo");
        assertChangeForm(form, 200, "has expired");

        // With no grace sign-in left, OpenLDAP lets no one bind to change it: the reason is shown.
        Response refused = submitChange(browser, form, user.password(), "Chosen-On-Page-2!", "Chosen-On-Page-2!");
        assertChangeForm(refused, 400, "has expired");
    }

    @Test
    void changeFormWhenRefusedThenSameFormWithTheReasonAndNothingChanged() throws Exception {
        User user = newUser();
        slapd.adminReset(user.dn(), "Reset-By-Admin-2!");
        SignInClient browser = browser();
        Response form = browser.submit(browser.get(AUTHORIZE), user.uid(), "Reset-By-Admin-2!", "demo");

        assertChangeForm(submitChange(browser, form, "Reset-By-Admin-2!", "Short1!", "Short1!"), 400, "too short");
        assertChangeForm(submitChange(browser, form, "Reset-By-Admin-2!", "Chosen-On-Page-3!", "Chosen-On-Page-4!"),
                400, "do not match");
        assertChangeForm(submitChange(browser, form, "Wrong-Current-1!", "Chosen-On-Page-3!", "Chosen-On-Page-3!"),
                400, "not correct");
        assertChangeForm(submitChange(browser, form, "", "Chosen-On-Page-3!", "Chosen-On-Page-3!"), 400,
                "Enter your current password");

        assertCodeFor(submitChange(browser, form, "Reset-By-Admin-2!", "Chosen-On-Page-3!", "Chosen-On-Page-3!"));
    }

    @Test
    void changeFormWhenCsrfTokenMissingOrForeignThen403AndNothingChanged() throws Exception {
        User user = newUser();
        slapd.adminReset(user.dn(), "Reset-By-Admin-3!");
        SignInClient browser = browser();
        Response form = browser.submit(browser.get(AUTHORIZE), user.uid(), "Reset-By-Admin-3!", "demo");
        Map<String, String> fields = SignInClient.hiddenFields(form.body());
        fields.put("password", "Reset-By-Admin-3!");
        fields.put("newPassword", "Chosen-On-Page-5!");
        fields.put("confirmPassword", "Chosen-On-Page-5!");

        fields.remove("csrf");
        assertEquals(403, browser.post(CHANGE, fields).status());
        // Another browser (no CSRF cookie of this page) posting the same form: refused too.
        assertEquals(403, browser().post(CHANGE, SignInClient.hiddenFields(form.body())).status());

        assertEquals(400, app.http.token("grant_type", "password", "username", "demo\\" + user.uid(),
                "password", "Chosen-On-Page-5!").status());
    }

    @Test
    void signInWhenExpiredWithGraceThenWarningWithSignInsLeftAndContinueGivesACode() throws Exception {
        User user = newUser();
        slapd.usePolicy(user.dn(), "graceful");
        slapd.expire(user.dn());
        SignInClient browser = browser();

        Response warned = browser.submit(browser.get(AUTHORIZE), user.uid(), user.password(), "demo");

        assertChangeForm(warned, 200, "1 more sign-in is allowed");
        Matcher link = CONTINUE.matcher(warned.body());
        assertTrue(link.find(), warned.body());
        String continueUrl = link.group(1).replace("&amp;", "&");
        assertFalse(continueUrl.contains("prompt="));
        assertCodeForSso(browser.get(continueUrl));
    }

    @Test
    void signInWhenExpiresSoonThenWarningAndChangingOnThePageCompletesTheSignIn() throws Exception {
        User user = newUser();
        slapd.expireIn(user.dn(), Duration.ofMinutes(50));
        SignInClient browser = browser();

        Response warned = browser.submit(browser.get(AUTHORIZE), user.uid(), user.password(), "demo");

        assertChangeForm(warned, 200, "expires in");
        assertNotNull(browser.cookies().get("authbridge_session"), "signed in already");
        assertCodeFor(submitChange(browser, warned, user.password(), "Renewed-Early-1!", "Renewed-Early-1!"));
    }

    /** Single sign-on after the warning: 302 (a GET), with a fresh code. */
    private static void assertCodeForSso(Response r) {
        assertEquals(302, r.status(), r.body());
        assertTrue(r.header("Location").startsWith(REDIRECT + "?code="), r.header("Location"));
    }
}
