package dev.authbridge.authorize;

import static dev.authbridge.authorize.BrowserClients.DEMO_REDIRECT;
import static dev.authbridge.authorize.SignInClient.authorize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.ClosedPort;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sign-in page when the directory cannot be reached: "service unavailable" (503, HTML),
 * never "wrong password", and within the configured timeouts.
 */
class SignInOutageHttpTest {
    /** Where the directory should be: connections are refused for the whole class. */
    private static ClosedPort directory;
    private static RunningApp app;

    @BeforeAll
    static void start() throws IOException {
        directory = ClosedPort.reserve();
        Path dir = Files.createTempDirectory("authbridge-outage");
        app = RunningApp.start(TestConfig.shipped(dir)
                .externalDirectory(directory.ldapUrl(), Duration.ofMillis(500), Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stop() {
        app.close();
        directory.close();
    }

    private static final String DEMO = authorize("client_id", "demo-client", "response_type", "code",
            "redirect_uri", DEMO_REDIRECT);

    private static void assertUnavailablePage(Response r) {
        assertEquals(503, r.status(), r.body());
        assertTrue(r.contentType().startsWith("text/html"), r.contentType());
        assertTrue(r.body().contains("unavailable"), r.body());
        assertFalse(r.body().contains("Wrong user name or password"));
        assertNull(r.header("Location"));
        assertEquals("5", r.header("Retry-After"));
    }

    @Test
    void signInWhenDirectoryDownThen503PageNotWrongPassword() {
        SignInClient browser = new SignInClient(app.baseUrl());
        Response page = browser.get(DEMO);
        assertEquals(200, page.status(), "the page itself needs no directory");
        long start = System.nanoTime();
        Response r = browser.submit(page, "agent1", "agent1-Secret!", "demo");
        assertUnavailablePage(r);
        assertTrue((System.nanoTime() - start) / 1_000_000 < 5000, "answered within the timeouts");
        assertTrue(browser.cookies().keySet().stream().noneMatch(c -> c.contains("session")), "no session started");
    }

    @Test
    void callbackWhenNotTheDemoConfigurationThenNotServed() {
        assertEquals(404, new SignInClient(app.baseUrl()).get("/callback?code=x").status());
    }

    @Test
    void authorizeWhenBasicAndDirectoryDownThen503Page() {
        assertUnavailablePage(new SignInClient(app.baseUrl()).get(DEMO, "Authorization",
                HttpTestClient.basic("demo\\agent1", "agent1-Secret!")));
    }
}
