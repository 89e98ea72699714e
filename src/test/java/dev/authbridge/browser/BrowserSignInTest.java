package dev.authbridge.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.authbridge.authorize.SignInClient;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestClient;
import dev.authbridge.testing.TestConfig;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sign-in page end to end in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}; nothing is downloaded): open the authorize URL, type, submit, land on
 * a redirect URI served by this test, exchange the code, call {@code /userinfo}. One browser for
 * the class, its cookies cleared before each test.
 */
class BrowserSignInTest {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private static Path dir;
    private static HttpServer callback;
    private static String callbackUrl;
    /** A page of another origin on the same site (another port), as a sibling subdomain would serve. */
    private static final AtomicReference<String> elsewhere = new AtomicReference<>("");
    private static RunningApp app;
    private static WebDriver driver;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("authbridge-browser");
        callback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callback.createContext("/cb", exchange -> {
            byte[] page = "<!DOCTYPE html><title>callback</title><p id=\"received\">received</p>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        callback.createContext("/elsewhere", exchange -> {
            byte[] page = elsewhere.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        callback.start();
        callbackUrl = "http://127.0.0.1:" + callback.getAddress().getPort() + "/cb";
        app = RunningApp.start(TestConfig.shipped(dir.resolve("app")).addClients(
                TestClient.confidential("browser-app", "browser-secret")
                        .grants("authorization_code", "refresh_token").redirectUris(callbackUrl).build()));
        driver = chromium(dir.resolve("profile"));
    }

    /** Headless Chromium through its own chromedriver: Selenium Manager has nothing to look up. */
    private static WebDriver chromium(Path profile) {
        // Selenium looks for CDP bindings of this Chromium version; the tests use WebDriver only.
        java.util.logging.Logger.getLogger("org.openqa.selenium.devtools").setLevel(java.util.logging.Level.SEVERE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile);
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (app != null) {
            app.close();
        }
        callback.stop(0);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @BeforeEach
    void freshBrowser() {
        driver.get(app.baseUrl() + "/auth/v3/ping"); // any page of the host: cookies are per host
        driver.manage().deleteAllCookies();
    }

    private static String authorizeUrl(String... extra) {
        String[] kv = new String[8 + extra.length];
        System.arraycopy(new String[] {"client_id", "browser-app", "response_type", "code", "redirect_uri",
            callbackUrl, "state", "st-42"}, 0, kv, 0, 8);
        System.arraycopy(extra, 0, kv, 8, extra.length);
        return app.baseUrl() + SignInClient.authorize(kv);
    }

    private static void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Submits the form and waits until the browser has left the page it was on. */
    private static void submit() {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> left(page));
    }

    /** True once the element's page is gone (chromedriver reports that as stale or "not in the document"). */
    private static boolean left(WebElement page) {
        try {
            page.isEnabled();
            return false;
        } catch (WebDriverException gone) {
            return true;
        }
    }

    private static Map<String, String> landedOnCallback() {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().startsWith(callbackUrl));
        assertEquals("received", driver.findElement(By.id("received")).getText());
        return SignInClient.parameters(driver.getCurrentUrl());
    }

    private static void waitForPage(String title) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getTitle().equals(title));
    }

    @Test
    void signInWhenCredentialsTypedThenRedirectUriGetsCodeThatExchangesForUserinfo() {
        driver.get(authorizeUrl());
        waitForPage("Sign in · authbridge");
        assertEquals("username", driver.switchTo().activeElement().getAttribute("id"), "focus starts on the user name");
        assertEquals("rgba(10, 91, 211, 1)", driver.findElement(By.cssSelector("button[type=submit]"))
                .getCssValue("background-color"), "the stylesheet is applied: the CSP hash matches it");
        type("username", "agent1");
        type("password", "agent1-Secret!");
        type("tenant", "demo");
        submit();
        Map<String, String> p = landedOnCallback();
        assertEquals("st-42", p.get("state"));
        assertEquals(app.baseUrl() + "/auth/v3", p.get("iss"));
        Response token = app.http.post("/auth/v3/oauth/token", HttpTestClient.form(HttpTestClient.fields(
                        "grant_type", "authorization_code", "code", p.get("code"), "redirect_uri", callbackUrl)),
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", HttpTestClient.basic("browser-app", "browser-secret"));
        assertEquals(200, token.status(), token.body());
        Response userinfo = app.http.getWithBearer("/auth/v3/userinfo", token.json().get("access_token").asText());
        assertEquals("agent1", userinfo.json().get("loginName").asText());
        assertEquals("f91397f1-6bf6-4fcd-8623-4c4efd81e152", userinfo.json().get("contactCenterId").asText());
    }

    @Test
    void signInWhenPasswordWrongThenMessageAnnouncedFocusOnPasswordAndRetryWorks() {
        driver.get(authorizeUrl());
        type("username", "agent2");
        type("password", "not-the-password");
        submit();
        waitForPage("Sign in · authbridge");
        WebElement alert = driver.findElement(By.cssSelector("[role=alert]"));
        assertEquals("Wrong user name or password.", alert.getText());
        assertEquals("password", driver.switchTo().activeElement().getAttribute("id"));
        assertEquals("agent2", driver.findElement(By.id("username")).getAttribute("value"));
        assertEquals("", driver.findElement(By.id("password")).getAttribute("value"));
        type("password", "agent2-Secret!");
        submit();
        assertEquals("st-42", landedOnCallback().get("state"));
    }

    @Test
    void signInWhenTenantHiddenThenUserTypesTenantBackslashUser() {
        driver.get(authorizeUrl("hideTenant", "true"));
        waitForPage("Sign in · authbridge");
        assertTrue(driver.findElements(By.id("tenant")).isEmpty(), "no tenant field");
        type("username", "acme\\supervisor1");
        type("password", "acme-supervisor1-Secret!");
        submit();
        assertTrue(landedOnCallback().containsKey("code"));
    }

    @Test
    void authorizeWhenSignedInBeforeThenSingleSignOnWithoutThePage() {
        driver.get(authorizeUrl());
        type("username", "demo\\agent3");
        type("password", "agent3-Secret!");
        submit();
        String first = landedOnCallback().get("code");
        driver.get(authorizeUrl("state", "second"));
        Map<String, String> again = landedOnCallback();
        assertEquals("second", again.get("state"));
        assertTrue(!first.equals(again.get("code")), "a new code");
    }

    @Test
    void signOutWhenBrowserSentThereAndUserConfirmsThenSessionEndsAndThePageIsShownAgain() {
        driver.get(authorizeUrl());
        type("username", "demo\\agent4");
        type("password", "agent4-Secret!");
        submit();
        landedOnCallback();
        driver.get(app.baseUrl() + "/auth/v3/sign-out?redirectUri="
                + java.net.URLEncoder.encode(callbackUrl, StandardCharsets.UTF_8));
        waitForPage("Sign out · authbridge"); // a link alone proves nothing: the user confirms
        assertEquals("Sign out in this browser?", driver.findElement(By.id("question")).getText());
        assertEquals("rgba(10, 91, 211, 1)", driver.findElement(By.cssSelector("button[type=submit]"))
                .getCssValue("background-color"), "the stylesheet is applied: the CSP hash matches it");
        submit(); // form-action lets the 303 to the application's origin through
        landedOnCallback();
        driver.get(authorizeUrl());
        waitForPage("Sign in · authbridge");
        assertTrue(driver.findElement(By.id("password")).isDisplayed());
    }

    /**
     * The planted pair: a CSRF cookie and token the attacker got in his own browser, the cookie
     * planted into this one, the form posted from another origin of the same site (what a
     * sibling subdomain can do). The browser tells authbridge where the post came from.
     */
    @Test
    void signInWhenAttackersCookieAndTokenPlantedAndPostedFromASiblingOriginThenRefused() {
        SignInClient attacker = new SignInClient(app.baseUrl());
        String authorize = authorizeUrl().substring(app.baseUrl().length());
        Map<String, String> fields = SignInClient.hiddenFields(attacker.get(authorize).body());
        fields.putAll(Map.of("username", "demo\\agent5", "password", "agent5-Secret!"));
        driver.manage().addCookie(new Cookie.Builder("authbridge_csrf", attacker.cookies().get("authbridge_csrf"))
                .path("/").isHttpOnly(true).sameSite("Strict").build());
        StringBuilder form = new StringBuilder("<!DOCTYPE html><title>elsewhere</title><form method=\"post\" action=\""
                + app.baseUrl() + SignInClient.SIGN_IN + "\">");
        fields.forEach((name, value) -> form.append("<input type=\"hidden\" name=\"").append(name)
                .append("\" value=\"").append(value.replace("&", "&amp;").replace("\"", "&quot;")).append("\">"));
        elsewhere.set(form.append("<button type=\"submit\">go</button></form>").toString());
        driver.get("http://127.0.0.1:" + callback.getAddress().getPort() + "/elsewhere");
        waitForPage("elsewhere");
        submit();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getTitle().equals("Sign in · authbridge")
                || d.getCurrentUrl().startsWith(callbackUrl));
        assertFalse(driver.getCurrentUrl().startsWith(callbackUrl), "the browser was signed in as the attacker");
        assertTrue(driver.findElement(By.cssSelector("[role=alert]")).getText().startsWith(
                "This sign-in form has expired"), driver.getPageSource());
    }
}
