package dev.authbridge.session;

import static dev.authbridge.authorize.BrowserClients.DEMO_REDIRECT;
import static dev.authbridge.authorize.SignInClient.authorize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.authorize.BrowserClients;
import dev.authbridge.authorize.SignInClient;
import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.HttpTestClient.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The browser session of the sign-in page: single sign-on, {@code /ping} with the cookie,
 * idle and absolute lifetimes (defaults 30 min and 12 h), and {@code /sign-out} ending it.
 */
class BrowserSessionHttpTest {
    @RegisterExtension
    static final DemoApp app = new DemoApp(config -> config.addClients(BrowserClients.ALL));

    private static final String DEMO = authorize("client_id", "demo-client", "response_type", "code",
            "redirect_uri", DEMO_REDIRECT, "state", "sso");

    /** A browser signed in as {@code user} through the page. */
    private static SignInClient signedIn(String user) {
        SignInClient browser = new SignInClient(app.baseUrl());
        browser.signIn(DEMO, "demo\\" + user, user + "-Secret!");
        return browser;
    }

    private static boolean ssoWorks(SignInClient browser) {
        Response r = browser.get(DEMO);
        if (r.status() == 302) {
            return true;
        }
        assertEquals(200, r.status(), "the sign-in page, since there is no session: " + r.body());
        return false;
    }

    private static int ping(SignInClient browser) {
        return browser.get("/auth/v3/ping").status();
    }

    @Test
    void authorizeWhenSessionLiveThenRedirectsAtOnceWithANewCode() {
        SignInClient browser = new SignInClient(app.baseUrl());
        String first = SignInClient.parameters(browser.signIn(DEMO, "demo\\agent1", "agent1-Secret!")).get("code");
        Response again = browser.get(DEMO);
        assertEquals(302, again.status(), again.body());
        Map<String, String> p = SignInClient.parameters(again.header("Location"));
        assertNotEquals(first, p.get("code"));
        assertEquals("sso", p.get("state"));
        assertEquals("no-store", again.header("Cache-Control"));
        Response token = app.http().token("grant_type", "authorization_code", "code", p.get("code"),
                "redirect_uri", DEMO_REDIRECT);
        assertEquals("agent1", app.http().getWithBearer("/auth/v3/userinfo", token.json().get("access_token").asText())
                .json().get("loginName").asText(), "the single sign-on is for the session's user");
    }

    /** The vendor's SDK signs in with Basic, keeps the cookie and pings with it alone. */
    @Test
    void authorizeWhenBasicShortcutThenSameSessionAsThePageWithPingAndSingleSignOn() {
        SignInClient browser = new SignInClient(app.baseUrl());
        assertEquals(403, ping(browser));
        Response basic = browser.get(DEMO, "Authorization", HttpTestClient.basic("demo\\agent5", "agent5-Secret!"));
        assertEquals(302, basic.status(), basic.body());
        assertTrue(browser.cookies().containsKey(BrowserSessions.COOKIE), browser.cookies().toString());

        assertEquals(200, ping(browser));
        assertTrue(ssoWorks(browser));
        Response signOut = browser.get("/auth/v3/sign-out");
        assertEquals(200, signOut.status(), "the cookie alone asks for confirmation, as after the page");
    }

    @Test
    void authorizeWhenBasicShortcutWithASessionAlreadyThenANewSession() {
        SignInClient browser = signedIn("agent6");
        String before = browser.cookies().get(BrowserSessions.COOKIE);
        Response basic = browser.get(DEMO, "Authorization", HttpTestClient.basic("demo\\agent6", "agent6-Secret!"));
        assertEquals(302, basic.status(), basic.body());
        assertNotEquals(before, browser.cookies().get(BrowserSessions.COOKIE), "every sign-in starts a new session");
        assertEquals(200, ping(browser));
    }

    @Test
    void authorizeWhenSessionLiveForAnotherClientThenSingleSignOnThere() {
        SignInClient browser = signedIn("agent2");
        Response r = browser.get(authorize("client_id", "webapp", "response_type", "code",
                "redirect_uri", BrowserClients.WEBAPP_REDIRECT));
        assertEquals(302, r.status());
        assertTrue(r.header("Location").startsWith(BrowserClients.WEBAPP_REDIRECT + "&code="));
    }

    @Test
    void authorizeWhenPromptLoginThenPageDespiteSession() {
        SignInClient browser = signedIn("agent3");
        assertEquals(200, browser.get(DEMO + "&prompt=login").status());
        assertEquals(302, browser.get(DEMO + "&prompt=none").status(), "prompt=none succeeds with a session");
        assertNull(SignInClient.parameters(browser.get(DEMO + "&prompt=none").header("Location")).get("error"));
    }

    @Test
    void pingWhenSessionCookieLiveThen200Else403() {
        SignInClient browser = signedIn("agent4");
        assertEquals(200, ping(browser));
        assertEquals(403, ping(new SignInClient(app.baseUrl())));
        SignInClient forger = new SignInClient(app.baseUrl());
        forger.cookies().put("authbridge_session", "A".repeat(43));
        assertEquals(403, ping(forger));
    }

    @Test
    void sessionWhenIdleLongerThanIdleTimeoutThenEnded() {
        SignInClient browser = signedIn("agent5");
        app.clock().advance(Duration.ofMinutes(31));
        assertEquals(403, ping(browser));
        assertFalse(ssoWorks(browser));
    }

    @Test
    void sessionWhenUsedWithinIdleTimeoutThenKeptUntilMaxLifetime() {
        SignInClient browser = signedIn("agent6");
        for (int i = 0; i < 35; i++) { // 35 × 20 min = 11 h 40 min: always active, under 12 h
            app.clock().advance(Duration.ofMinutes(20));
            assertEquals(200, ping(browser), "after " + (i + 1) * 20 + " min");
        }
        app.clock().advance(Duration.ofMinutes(20)); // 12 h → the absolute lifetime is over
        assertEquals(403, ping(browser));
        assertFalse(ssoWorks(browser));
    }

    @Test
    void signOutWhenCookieOnlyConfirmedThenSessionEndsAndCookieCleared() {
        SignInClient browser = signedIn("agent7");
        Response r = browser.submitForm(browser.get("/auth/v3/sign-out"));
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().contains("You are signed out in this browser."), r.body());
        assertTrue(r.headers().allValues("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith("authbridge_session=; Max-Age=0; Path=/; HttpOnly")), r.headers().toString());
        assertFalse(ssoWorks(browser));
        assertEquals(403, ping(browser));
    }

    @Test
    void signOutWhenConfirmedWithRegisteredRedirectThenRedirectsAndEnds() {
        SignInClient browser = signedIn("agent8");
        Response page = browser.get("/auth/v3/sign-out?redirectUri="
                + URLEncoder.encode(DEMO_REDIRECT, StandardCharsets.UTF_8));
        assertEquals(200, page.status(), page.body());
        Response r = browser.submitForm(page);
        assertEquals(303, r.status(), r.body());
        assertEquals(DEMO_REDIRECT, r.header("Location"));
        assertFalse(ssoWorks(browser));
    }

    @Test
    void signOutWhenCookieOnlyAndRedirectForeignThen400AndSessionKept() {
        SignInClient browser = signedIn("supervisor1");
        Response r = browser.get("/auth/v3/sign-out?redirectUri="
                + URLEncoder.encode("https://evil.example/", StandardCharsets.UTF_8));
        assertEquals(400, r.status());
        assertNull(r.header("Location"));
        assertEquals(200, ping(browser));
    }

    @Test
    void signOutWhenGlobalWithBearerThenEveryBrowserSessionOfTheUserEnds() {
        SignInClient laptop = signedIn("supervisor2");
        SignInClient phone = signedIn("supervisor2");
        SignInClient someoneElse = signedIn("agent1");
        String token = app.http().signIn("demo\\supervisor2", "supervisor2-Secret!").get("access_token").asText();
        assertEquals(200, app.http().get("/auth/v3/sign-out?global=true", "Authorization", "Bearer " + token).status());
        assertEquals(403, ping(laptop));
        assertEquals(403, ping(phone));
        assertEquals(200, ping(someoneElse));
    }

    @Test
    void signOutWhenGlobalWithCookieOnlyThenEveryBrowserSessionOfTheUserEnds() {
        SignInClient laptop = signedIn("agent2");
        SignInClient phone = signedIn("agent2");
        assertEquals(200, laptop.submitForm(laptop.get("/auth/v3/sign-out?global=true")).status());
        assertEquals(403, ping(phone));
    }

    @Test
    void signOutWhenNeitherTokenNorCookieThen401() {
        assertEquals(401, new SignInClient(app.baseUrl()).post("/auth/v3/sign-out", Map.of()).status());
    }
}
