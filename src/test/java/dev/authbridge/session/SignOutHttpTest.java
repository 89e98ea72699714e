package dev.authbridge.session;

import static dev.authbridge.authorize.BrowserClients.DEMO_REDIRECT;
import static dev.authbridge.authorize.BrowserClients.WEBAPP_REDIRECT;
import static dev.authbridge.authorize.SignInClient.authorize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.authorize.BrowserClients;
import dev.authbridge.authorize.SignInClient;
import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sign-out by the browser's session cookie alone, over real HTTP: a cross-site link ends nothing
 * (the cookie is {@code SameSite=Lax}, so it travels with one) until the user confirms on
 * authbridge's page or the application proves intent with an {@code id_token_hint}; redirects go
 * only to a URI registered for the client the session or the hint belongs to.
 */
class SignOutHttpTest {
    @RegisterExtension
    static final DemoApp app = new DemoApp(config -> config.addClients(BrowserClients.ALL));

    private static final String DEMO = authorize("client_id", "demo-client", "response_type", "code",
            "redirect_uri", DEMO_REDIRECT, "state", "so");
    private static final String SIGN_OUT = "/auth/v3/sign-out";

    private static SignInClient signedIn(String user) {
        SignInClient browser = new SignInClient(app.baseUrl());
        browser.signIn(DEMO, "demo\\" + user, user + "-Secret!");
        return browser;
    }

    private static boolean signedInStill(SignInClient browser) {
        return browser.get("/auth/v3/ping").status() == 200;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A browser signed in through the page with {@code scope=openid}, and the id token its application got. */
    private record OpenIdSignIn(SignInClient browser, String idToken) {}

    private static OpenIdSignIn signedInWithIdToken(String user) {
        SignInClient browser = new SignInClient(app.baseUrl());
        String code = SignInClient.parameters(browser.signIn(DEMO + "&scope=openid", "demo\\" + user,
                user + "-Secret!")).get("code");
        Response token = app.http().token("grant_type", "authorization_code", "code", code,
                "redirect_uri", DEMO_REDIRECT);
        assertEquals(200, token.status(), token.body());
        return new OpenIdSignIn(browser, token.json().get("id_token").asText());
    }

    /** The reported attack: a cross-site GET with the Lax cookie. */
    @Test
    void signOutWhenCookieOnlyGetThenConfirmationPageAndNothingEnded() {
        SignInClient victim = signedIn("agent1");
        SignInClient laptop = signedIn("agent1");
        Response r = victim.get(SIGN_OUT + "?global=true&redirectUri=" + enc(DEMO_REDIRECT),
                "Sec-Fetch-Site", "cross-site");
        assertEquals(200, r.status(), r.body());
        assertNull(r.header("Location"));
        assertTrue(r.contentType().startsWith("text/html"));
        assertTrue(r.body().contains("Sign out of every browser where you are signed in?"), r.body());
        assertTrue(r.body().contains("<strong>demo\\agent1</strong>"), r.body());
        assertTrue(r.body().contains("Afterwards you go back to <strong>http://127.0.0.1:8095</strong>"), r.body());
        assertTrue(r.headers().allValues("Set-Cookie").isEmpty(), "the cookie stays");
        assertTrue(signedInStill(victim));
        assertTrue(signedInStill(laptop));
    }

    @Test
    void confirmationPageWhenShownThenSameHeadersAsTheSignInPage() {
        SignInClient browser = signedIn("agent2");
        Response r = browser.get(SIGN_OUT + "?redirectUri=" + enc(DEMO_REDIRECT), "Origin", "https://evil.example");
        String csp = r.header("Content-Security-Policy");
        assertTrue(csp.startsWith("default-src 'none'; style-src 'sha256-"), csp);
        assertTrue(csp.contains("form-action 'self' http://127.0.0.1:8095;"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("DENY", r.header("X-Frame-Options"));
        assertEquals("no-referrer", r.header("Referrer-Policy"));
        assertEquals("no-store", r.header("Cache-Control"));
        assertNull(r.header("Access-Control-Allow-Origin"), "no script elsewhere reads the page");
        assertEquals("form-action 'self';", browser.get(SIGN_OUT).header("Content-Security-Policy")
                .replaceAll(".*(form-action [^;]*;).*", "$1"), "no redirect: the form posts to authbridge only");
    }

    @Test
    void signOutWhenConfirmedGlobalThenEverySessionOfTheUserEndsAnd303ToTheRedirect() {
        SignInClient laptop = signedIn("agent3");
        SignInClient phone = signedIn("agent3");
        SignInClient someoneElse = signedIn("agent4");
        Response r = laptop.submitForm(laptop.get(SIGN_OUT + "?global=true&redirectUri=" + enc(DEMO_REDIRECT)),
                "Sec-Fetch-Site", "same-origin");
        assertEquals(303, r.status(), r.body());
        assertEquals(DEMO_REDIRECT, r.header("Location"));
        assertEquals("no-store", r.header("Cache-Control"));
        assertFalse(signedInStill(laptop));
        assertFalse(signedInStill(phone));
        assertTrue(signedInStill(someoneElse));
    }

    /** A cookie-only POST without the page's token, a token from elsewhere, or posted by another site. */
    @ParameterizedTest
    @ValueSource(strings = {"no token", "forged token", "token of another session", "other parameters",
        "posted by another site"})
    void signOutWhenPostNotConfirmedOnItsOwnPageThen403ConfirmationAgainAndNothingEnded(String attempt) {
        SignInClient browser = signedIn("agent5");
        Response page = browser.get(SIGN_OUT);
        Map<String, String> fields = SignInClient.hiddenFields(page.body());
        String path = SIGN_OUT;
        String[] headers = {};
        switch (attempt) {
            case "no token" -> fields.remove("csrf");
            case "forged token" -> fields.put("csrf", "1700000000.AAAA");
            case "token of another session" ->
                fields = SignInClient.hiddenFields(signedIn("agent5").get(SIGN_OUT).body());
            case "other parameters" -> path = SIGN_OUT + "?global=true";
            default -> headers = new String[] {"Sec-Fetch-Site", "same-site"};
        }
        Response r = browser.post(path, fields, headers);
        assertEquals(403, r.status(), r.body());
        assertTrue(r.body().contains("This sign-out form has expired"), r.body());
        assertTrue(SignInClient.hiddenFields(r.body()).containsKey("csrf"), "a fresh confirmation");
        assertTrue(signedInStill(browser));
    }

    /** Before: any client's registered URI was accepted for a cookie. */
    @Test
    void signOutWhenRedirectRegisteredOnlyForAClientTheSessionNeverSignedInToThen400() {
        SignInClient browser = signedIn("agent6");
        Response r = browser.get(SIGN_OUT + "?redirectUri=" + enc("https://other.example/done"));
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("redirectUri is not registered for this application"), r.body());
        assertNull(r.header("Location"));
        assertTrue(signedInStill(browser));
        Response posted = browser.post(SIGN_OUT + "?redirectUri=" + enc("https://other.example/done"),
                SignInClient.hiddenFields(browser.get(SIGN_OUT).body()));
        assertEquals(400, posted.status(), "a post is held to the same rule");
        assertTrue(signedInStill(browser));
    }

    @Test
    void signOutWhenSessionSignedInToAClientBySingleSignOnThenItsRedirectIsAllowed() {
        SignInClient browser = signedIn("agent7");
        assertEquals(302, browser.get(authorize("client_id", "webapp", "response_type", "code",
                "redirect_uri", WEBAPP_REDIRECT)).status());
        Response r = browser.submitForm(browser.get(SIGN_OUT + "?redirectUri=" + enc(WEBAPP_REDIRECT)
                + "&state=s%261"));
        assertEquals(303, r.status(), r.body());
        assertEquals(WEBAPP_REDIRECT + "&state=s%261", r.header("Location"),
                "state comes back (RP-Initiated Logout §3)");
        assertFalse(signedInStill(browser));
    }

    @Test
    void signOutWhenIdTokenHintOfThisSessionThenEndedAtOnceAndRedirectedWithState() {
        OpenIdSignIn signIn = signedInWithIdToken("agent8");
        Response r = signIn.browser().get(SIGN_OUT + "?id_token_hint=" + signIn.idToken()
                + "&post_logout_redirect_uri=" + enc(DEMO_REDIRECT) + "&state=bye&client_id=demo-client");
        assertEquals(302, r.status(), r.body());
        assertEquals(DEMO_REDIRECT + "?state=bye", r.header("Location"));
        assertTrue(r.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("authbridge_session=;")));
        assertFalse(signedInStill(signIn.browser()));
    }

    @Test
    void signOutWhenIdTokenHintExpiredThenStillAHint() {
        OpenIdSignIn signIn = signedInWithIdToken("supervisor1");
        for (int i = 0; i < 3; i++) { // 75 min: past jwt.idTokenTtl (1 h), the session kept alive meanwhile
            app.clock().advance(java.time.Duration.ofMinutes(25));
            assertTrue(signedInStill(signIn.browser()));
        }
        Response r = signIn.browser().get(SIGN_OUT + "?id_token_hint=" + signIn.idToken());
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().contains("You are signed out in this browser."), r.body());
        assertFalse(signedInStill(signIn.browser()));
    }

    @Test
    void signOutWhenIdTokenHintOfAnotherSignInThenConfirmationAndNothingEnded() {
        OpenIdSignIn earlier = signedInWithIdToken("supervisor2");
        SignInClient other = signedIn("agent1");
        Response r = other.get(SIGN_OUT + "?id_token_hint=" + earlier.idToken());
        assertEquals(200, r.status());
        assertTrue(r.body().contains("Sign out in this browser?"), r.body());
        assertTrue(signedInStill(other));
        assertTrue(signedInStill(earlier.browser()));
    }

    @Test
    void signOutWhenIdTokenHintWithoutCookieThenRedirectedForTheHintsClient() {
        OpenIdSignIn signIn = signedInWithIdToken("agent2");
        Response r = new SignInClient(app.baseUrl()).get(SIGN_OUT + "?id_token_hint=" + signIn.idToken()
                + "&post_logout_redirect_uri=" + enc(DEMO_REDIRECT));
        assertEquals(302, r.status(), r.body());
        assertEquals(DEMO_REDIRECT, r.header("Location"));
        assertTrue(signedInStill(signIn.browser()), "nothing of another browser ends");
    }

    @Test
    void signOutWhenIdTokenHintForgedOrRedirectNotItsClientsThen400AndNothingEnded() {
        OpenIdSignIn signIn = signedInWithIdToken("agent3");
        String[] parts = signIn.idToken().split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        String gwsUser = app.http().getWithBearer("/auth/v3/jwt-userinfo", app.http().signIn("demo\\agent3",
                "agent3-Secret!").get("access_token").asText()).header("X-GWS-User");
        for (String query : new String[] {
            "id_token_hint=" + tampered,
            "id_token_hint=not-a-jwt",
            "id_token_hint=" + gwsUser,
            "id_token_hint=" + signIn.idToken() + "&redirectUri=" + enc(WEBAPP_REDIRECT),
            "id_token_hint=" + signIn.idToken() + "&client_id=webapp",
            "redirectUri=" + enc(DEMO_REDIRECT) + "&post_logout_redirect_uri=" + enc(DEMO_REDIRECT)}) {
            Response r = signIn.browser().get(SIGN_OUT + "?" + query);
            assertEquals(400, r.status(), query);
            assertNull(r.header("Location"), query);
            assertTrue(r.contentType().startsWith("text/html"), query);
        }
        assertTrue(signedInStill(signIn.browser()));
    }

    @Test
    void signOutWhenCookieOfAnEndedSessionThenSignedOutPageAndNoRedirect() {
        SignInClient browser = new SignInClient(app.baseUrl());
        browser.cookies().put("authbridge_session", "A".repeat(43));
        Response r = browser.get(SIGN_OUT + "?redirectUri=" + enc(DEMO_REDIRECT));
        assertEquals(200, r.status(), r.body());
        assertNull(r.header("Location"), "no session, no hint: no client a redirect could belong to");
        assertTrue(r.body().contains("You are signed out in this browser."));
        assertFalse(browser.cookies().containsKey("authbridge_session"), "the dead cookie is cleared");
    }

    @Test
    void signOutWhenBearerTokenThenVendorApiUnchangedAndCookieSentAlongEnds() {
        SignInClient browser = signedIn("agent4");
        String token = app.http().signIn("demo\\agent4", "agent4-Secret!").get("access_token").asText();
        Response r = browser.get(SIGN_OUT + "?redirectUri=" + enc(DEMO_REDIRECT), "Authorization", "Bearer " + token);
        assertEquals(302, r.status(), r.body());
        assertEquals(DEMO_REDIRECT, r.header("Location"));
        assertFalse(signedInStill(browser));
        assertEquals(401, app.http().getWithBearer("/auth/v3/userinfo", token).status());
    }
}
