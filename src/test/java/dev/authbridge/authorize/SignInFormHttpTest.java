package dev.authbridge.authorize;

import static dev.authbridge.authorize.BrowserClients.DEMO_REDIRECT;
import static dev.authbridge.authorize.SignInClient.authorize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.HttpTestClient.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The sign-in page's form, {@code POST /sign-in}, over real HTTP. */
class SignInFormHttpTest {
    @RegisterExtension
    static final DemoApp app = new DemoApp(config -> config.addClients(BrowserClients.ALL));

    private static final String DEMO = authorize("client_id", "demo-client", "response_type", "code",
            "redirect_uri", DEMO_REDIRECT, "state", "s-1");

    private static SignInClient browser() {
        return new SignInClient(app.baseUrl());
    }

    private static String sessionCookie(Response r) {
        return r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("authbridge_session=")).findFirst().orElse(null);
    }

    @Test
    void signInWhenPasswordRightThen303ToRedirectUriWithCodeStateIssAndSessionCookie() {
        SignInClient browser = browser();
        Response posted = browser.submit(browser.get(DEMO), "agent1", "agent1-Secret!", "demo");
        assertEquals(303, posted.status(), "RFC 9700 §4.12: 303 after a credential post");
        String location = posted.header("Location");
        assertTrue(location.startsWith(DEMO_REDIRECT + "?code="), location);
        Map<String, String> p = SignInClient.parameters(location);
        assertEquals("s-1", p.get("state"));
        assertEquals(app.baseUrl() + "/auth/v3", p.get("iss"));
        assertEquals("no-store", posted.header("Cache-Control"));
        assertEquals("no-referrer", posted.header("Referrer-Policy"));
        assertNull(posted.contentType(), "a redirect has no body, so no type");
        assertEquals("0", posted.header("Content-Length"));
        String cookie = sessionCookie(posted);
        assertTrue(cookie.matches("authbridge_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax"), cookie);
    }

    @ParameterizedTest
    @CsvSource({
        "agent1, wrong-Secret!, demo",
        "agent1, agent1-Secret!, acme",
        "nobody, agent1-Secret!, demo",
        "agent1, agent1-Secret!, nowhere",
        "'demo\\agent1', AGENT1-SECRET!, ''",
        "'*', agent1-Secret!, demo",
        "'agent1)(uid=*', agent1-Secret!, demo"})
    void signInWhenAnyPartWrongThenSamePageAndOneGenericMessage(String user, String password, String tenant) {
        SignInClient browser = browser();
        Response r = browser.submit(browser.get(DEMO), user, password, tenant);
        assertEquals(400, r.status(), r.body());
        assertNull(r.header("Location"));
        assertNull(sessionCookie(r));
        assertTrue(r.body().contains("<p id=\"error\" class=\"error\" role=\"alert\">Wrong user name or password.</p>"),
                r.body());
        assertTrue(r.body().contains("aria-invalid=\"true\""));
        assertFalse(r.body().contains(password), "the password is never sent back");
        assertEquals("s-1", SignInClient.hiddenFields(r.body()).get("state"), "parameters survive a failed attempt");
    }

    /**
     * A blank password is a password that cannot be verified: the generic message, as for a wrong
     * one. Only an empty field is named as such ("Enter your user name and password"), which
     * tells the person at the page nothing they did not type.
     */
    @Test
    void signInWhenPasswordBlankThenTheGenericMessageAndEmptyOneAskedFor() {
        SignInClient browser = browser();
        Response blank = browser.submit(browser.get(DEMO), "agent1", "   ", "demo");
        assertEquals(400, blank.status(), blank.body());
        assertTrue(blank.body().contains("Wrong user name or password."), blank.body());
        Response empty = browser.submit(browser.get(DEMO), "agent1", "", "demo");
        assertEquals(400, empty.status(), empty.body());
        assertTrue(empty.body().contains(SignInFlow.CREDENTIALS_MISSING), empty.body());
        assertNull(sessionCookie(empty));
    }

    @ParameterizedTest
    @ValueSource(strings = {"username=agent2", "password=agent2-Secret!", "tenant=acme", "username="})
    void signInWhenFieldRepeatedThenErrorPageAndNobodySignedIn(String again) {
        SignInClient browser = browser();
        Map<String, String> fields = SignInClient.hiddenFields(browser.get(DEMO).body());
        fields.put("username", "agent1");
        fields.put("password", "agent1-Secret!");
        fields.put("tenant", "demo");
        Response r = browser.postBody(SignInClient.SIGN_IN, HttpTestClient.form(fields) + "&" + again);
        assertEquals(400, r.status(), r.body());
        assertNull(r.header("Location"));
        assertNull(sessionCookie(r));
        assertTrue(r.contentType().startsWith("text/html"), r.contentType());
        assertTrue(r.body().contains("is repeated"), r.body());
    }

    @Test
    void signInWhenWrongPasswordThenUserNameKeptAndFocusOnPassword() {
        SignInClient browser = browser();
        String body = browser.submit(browser.get(DEMO), "agent1", "wrong", "demo").body();
        assertTrue(body.contains("id=\"username\" name=\"username\" type=\"text\" value=\"agent1\""), body);
        assertTrue(body.contains("autocomplete=\"current-password\" autofocus"), body);
        assertTrue(body.contains("value=\"demo\""), "tenant kept");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"><script>alert(1)</script>", "x\" autofocus onfocus=\"alert(1)", "</form><img src=x onerror=1>"})
    void signInWhenUserNameOrTenantHostileThenEscapedInPage(String probe) {
        SignInClient browser = browser();
        Response r = browser.submit(browser.get(DEMO), probe, "agent1-Secret!", probe);
        assertEquals(400, r.status());
        assertFalse(r.body().contains(probe), "reflected unescaped");
        assertTrue(r.body().contains("Wrong user name or password."));
    }

    @Test
    void signInWhenCsrfTokenMissingThen403AndNothingIssued() {
        SignInClient browser = browser();
        Map<String, String> fields = SignInClient.hiddenFields(browser.get(DEMO).body());
        fields.remove("csrf");
        fields.putAll(Map.of("username", "agent1", "password", "agent1-Secret!"));
        assertCsrfRefused(browser.post(SignInClient.SIGN_IN, fields));
    }

    @Test
    void signInWhenCsrfTokenWrongThen403AndNothingIssued() {
        SignInClient browser = browser();
        Map<String, String> fields = SignInClient.hiddenFields(browser.get(DEMO).body());
        fields.put("csrf", "A".repeat(43));
        fields.putAll(Map.of("username", "agent1", "password", "agent1-Secret!"));
        assertCsrfRefused(browser.post(SignInClient.SIGN_IN, fields));
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "1.", ".AAAA", "abc.AAAA", "-1.AAAA", "99999999999999999999.AAAA",
        "1700000000.!!!", "1700000000.AAAA.AAAA", "\u0661\u0662.AAAA"})
    void signInWhenCsrfTokenMalformedThen403NeverA500(String token) {
        SignInClient browser = browser();
        Map<String, String> fields = SignInClient.hiddenFields(browser.get(DEMO).body());
        fields.put("csrf", token);
        fields.putAll(Map.of("username", "agent1", "password", "agent1-Secret!"));
        assertCsrfRefused(browser.post(SignInClient.SIGN_IN, fields));
        fields.put("csrf", "1".repeat(5000));
        assertCsrfRefused(browser.post(SignInClient.SIGN_IN, fields));
    }

    @Test
    void signInWhenCsrfCookieMissingThen403AndNothingIssued() {
        SignInClient browser = browser();
        Response page = browser.get(DEMO);
        browser.cookies().clear();
        assertCsrfRefused(browser.submit(page, "agent1", "agent1-Secret!", null));
    }

    /** A token valid for the attacker's own cookie is worthless with the victim's cookie. */
    @Test
    void signInWhenCsrfTokenOfAnotherBrowserThen403() {
        SignInClient attacker = browser();
        Map<String, String> forged = SignInClient.hiddenFields(attacker.get(DEMO).body());
        SignInClient victim = browser();
        victim.get(DEMO);
        forged.putAll(Map.of("username", "agent1", "password", "agent1-Secret!"));
        assertCsrfRefused(victim.post(SignInClient.SIGN_IN, forged));
    }

    /**
     * The planted pair: the attacker's own cookie and token, put into the victim's browser (over
     * plain HTTP any cookie can be planted) and posted from another origin — a sibling subdomain
     * ({@code same-site}) or any other site. The browser says where the post came from.
     */
    @ParameterizedTest
    @ValueSource(strings = {"same-site", "cross-site", "none"})
    void signInWhenAttackersCookieAndTokenPlantedAndPostedFromElsewhereThen403(String site) {
        SignInClient attacker = browser();
        Map<String, String> forged = SignInClient.hiddenFields(attacker.get(DEMO).body());
        forged.putAll(Map.of("username", "agent1", "password", "agent1-Secret!"));
        SignInClient victim = browser();
        victim.cookies().put("authbridge_csrf", attacker.cookies().get("authbridge_csrf"));
        assertCsrfRefused(victim.post(SignInClient.SIGN_IN, forged, "Sec-Fetch-Site", site));
    }

    @Test
    void signInWhenPostedFromItsOwnPageThen303() {
        SignInClient browser = browser();
        Map<String, String> fields = SignInClient.hiddenFields(browser.get(DEMO).body());
        fields.putAll(Map.of("username", "agent1", "password", "agent1-Secret!"));
        assertEquals(303, browser.post(SignInClient.SIGN_IN, fields, "Sec-Fetch-Site", "same-origin").status());
    }

    /** A token is for one form: it does not carry another authorization request's parameters. */
    @ParameterizedTest
    @ValueSource(strings = {"state=s-2", "scope=openid", "nonce=n-1", "prompt=login",
        "client_id=webapp&redirect_uri=" + BrowserClients.WEBAPP_REDIRECT})
    void signInWhenTokenOfAnotherAuthorizationRequestThen403(String changes) {
        SignInClient browser = browser();
        Map<String, String> fields = SignInClient.hiddenFields(browser.get(DEMO).body());
        for (String change : changes.split("&")) {
            fields.put(change.substring(0, change.indexOf('=')), change.substring(change.indexOf('=') + 1));
        }
        fields.putAll(Map.of("username", "agent1", "password", "agent1-Secret!"));
        assertCsrfRefused(browser.post(SignInClient.SIGN_IN, fields));
    }

    @Test
    void passwordChangeWhenSignInFormsTokenPostedThen403() {
        SignInClient browser = browser();
        Map<String, String> fields = SignInClient.hiddenFields(browser.get(DEMO).body());
        fields.putAll(Map.of("username", "demo\\agent1", "password", "agent1-Secret!",
                "newPassword", "Changed-Secret-1!", "confirmPassword", "Changed-Secret-1!"));
        Response r = browser.post(PasswordChangePage.PATH, fields);
        assertEquals(403, r.status(), r.body());
        assertTrue(r.body().contains("This sign-in form has expired"), r.body());
        assertEquals(303, browser.submit(browser.get(DEMO), "agent1", "agent1-Secret!", null).status(),
                "the password was not changed");
    }

    @Test
    void signInWhenFormOlderThanItsLifetimeThen403AndAFreshForm() {
        SignInClient browser = browser();
        Response page = browser.get(DEMO);
        app.clock().advance(dev.authbridge.web.Csrf.LIFETIME.plusSeconds(1));
        Response late = browser.submit(page, "agent1", "agent1-Secret!", null);
        assertCsrfRefused(late);
        assertEquals(303, browser.submit(late, "agent1", "agent1-Secret!", null).status(), "the fresh form works");
    }

    private static void assertCsrfRefused(Response r) {
        assertEquals(403, r.status(), r.body());
        assertNull(r.header("Location"));
        assertNull(sessionCookie(r));
        assertTrue(r.body().contains("role=\"alert\">This sign-in form has expired"), r.body());
        assertTrue(SignInClient.hiddenFields(r.body()).containsKey("csrf"), "a fresh form to try again");
    }

    @Test
    void signInWhenTwoTabsOpenThenBothFormsValid() {
        SignInClient browser = browser();
        Response first = browser.get(DEMO);
        Response second = browser.get(DEMO);
        assertEquals(303, browser.submit(first, "agent1", "agent1-Secret!", null).status());
        assertEquals(303, browser.submit(second, "agent1", "agent1-Secret!", null).status());
    }

    @Test
    void signInWhenUserNameOrPasswordEmptyThenAskedForBoth() {
        SignInClient browser = browser();
        Response r = browser.submit(browser.get(DEMO), "agent1", "", null);
        assertEquals(400, r.status());
        assertTrue(r.body().contains("Enter your user name and password."), r.body());
        assertNull(sessionCookie(r));
    }

    @Test
    void signInWhenTenantFieldGivenThenUserOfThatTenant() {
        SignInClient browser = browser();
        String location = SignInClient.parameters(browser.submit(browser.get(DEMO), "agent1", "acme-agent1-Secret!",
                "acme").header("Location")).get("code");
        Response token = app.http().token("grant_type", "authorization_code", "code", location,
                "redirect_uri", DEMO_REDIRECT);
        Response userinfo = app.http().getWithBearer("/auth/v3/userinfo", token.json().get("access_token").asText());
        assertEquals("695bf0a2-3dde-4819-9c37-8087ba432a16", userinfo.json().get("contactCenterId").asText());
    }

    @Test
    void signInWhenTenantHiddenThenUserTypesTenantBackslashUser() {
        SignInClient browser = browser();
        Response page = browser.get(authorize("client_id", "demo-client", "response_type", "code",
                "redirect_uri", DEMO_REDIRECT, "hideTenant", "true"));
        assertEquals(303, browser.submit(page, "acme\\supervisor1", "acme-supervisor1-Secret!", null).status());
        // A tenant field smuggled into a hidden-tenant form is ignored: the typed name decides.
        SignInClient other = browser();
        Response smuggled = other.submit(other.get(authorize("client_id", "demo-client", "response_type",
                "code", "redirect_uri", DEMO_REDIRECT, "hideTenant", "true")), "agent1", "acme-agent1-Secret!", "acme");
        assertEquals(400, smuggled.status(), "agent1 means demo\\agent1 here, whose password this is not");
    }

    @Test
    void signInWhenAuthorizeParametersTamperedInFormThenValidatedAgain() {
        SignInClient browser = browser();
        Map<String, String> fields = SignInClient.hiddenFields(browser.get(DEMO).body());
        fields.put("redirect_uri", "https://evil.example/steal");
        fields.putAll(Map.of("username", "agent1", "password", "agent1-Secret!"));
        Response r = browser.post(SignInClient.SIGN_IN, fields);
        assertEquals(400, r.status());
        assertNull(r.header("Location"));
        assertNull(sessionCookie(r), "no session is started for a request that was never valid");
    }

    @Test
    void signInWhenFormCarriesInvalidScopeThen303BackToClientWithErrorAndNoSession() {
        SignInClient browser = browser();
        Map<String, String> fields = SignInClient.hiddenFields(browser.get(DEMO).body());
        fields.put("scope", "admin");
        fields.putAll(Map.of("username", "agent1", "password", "agent1-Secret!"));
        Response r = browser.post(SignInClient.SIGN_IN, fields);
        assertEquals(303, r.status(), "after a POST the browser must follow with a GET");
        Map<String, String> p = SignInClient.parameters(r.header("Location"));
        assertEquals("invalid_scope", p.get("error"));
        assertEquals("s-1", p.get("state"));
        assertNull(sessionCookie(r));
    }

    @Test
    void signInWhenNotAFormThen400Page() {
        Response r = browser().get(DEMO);
        assertEquals(200, r.status());
        Response json = app.http().post(SignInClient.SIGN_IN, "{\"username\":\"agent1\"}", "Content-Type",
                "application/json");
        assertEquals(400, json.status());
        assertTrue(json.contentType().startsWith("text/html"));
    }

    @Test
    void signInWhenPlantedSessionCookieThenReplacedByANewOne() {
        SignInClient browser = browser();
        browser.cookies().put("authbridge_session", "planted-by-attacker-0000000000000000000000000");
        Response posted = browser.submit(browser.get(DEMO), "agent1", "agent1-Secret!", null);
        assertEquals(303, posted.status());
        String issued = browser.cookies().get("authbridge_session");
        assertNotEquals("planted-by-attacker-0000000000000000000000000", issued);
        SignInClient attacker = browser();
        attacker.cookies().put("authbridge_session", "planted-by-attacker-0000000000000000000000000");
        assertEquals(200, attacker.get(DEMO).status(), "the planted value signs nobody in");
    }
}
