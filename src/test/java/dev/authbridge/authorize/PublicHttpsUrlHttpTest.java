package dev.authbridge.authorize;

import static dev.authbridge.authorize.BrowserClients.DEMO_REDIRECT;
import static dev.authbridge.authorize.SignInClient.authorize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestConfig;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Behind a TLS-terminating proxy ({@code server.publicUrl: https://…}): cookies are Secure with
 * the {@code __Host-} prefix, the issuer and the form's action follow the public URL (path
 * prefix included).
 */
class PublicHttpsUrlHttpTest {
    private static RunningApp app;

    @BeforeAll
    static void start() throws IOException {
        app = RunningApp.start(TestConfig.shipped(Files.createTempDirectory("authbridge-https"))
                .withPublicUrl("https://sso.example.com/idp"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static final String DEMO = authorize("client_id", "demo-client", "response_type", "code",
            "redirect_uri", DEMO_REDIRECT, "state", "t");

    @Test
    void signInWhenPublicUrlHttpsThenHostPrefixedSecureCookiesAndIssuerFromPublicUrl() {
        SignInClient browser = new SignInClient(app.baseUrl());
        Response page = browser.get(DEMO);
        String csrf = page.header("Set-Cookie");
        assertTrue(csrf.matches("__Host-authbridge_csrf=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict; Secure"), csrf);
        assertTrue(page.body().contains("action=\"/idp/auth/v3/sign-in\""), "the form posts through the proxy's prefix");
        Response posted = browser.submit(page, "agent1", "agent1-Secret!", null);
        assertEquals(303, posted.status(), posted.body());
        assertTrue(posted.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.matches(
                "__Host-authbridge_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax; Secure")),
                posted.headers().toString());
        assertEquals("https://sso.example.com/idp/auth/v3", SignInClient.parameters(posted.header("Location")).get("iss"));
        assertEquals(302, browser.get(DEMO).status(), "the __Host- cookie is read back: single sign-on");
    }
}
