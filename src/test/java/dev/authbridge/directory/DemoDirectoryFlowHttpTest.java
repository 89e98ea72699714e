package dev.authbridge.directory;

import static dev.authbridge.authorize.BrowserClients.DEMO_REDIRECT;
import static dev.authbridge.authorize.SignInClient.authorize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.authorize.SignInClient;
import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shipped demo configuration, on its locked-down embedded directory: everything authbridge
 * asks of it (service searches, user binds, the user's own password change) still works.
 */
class DemoDirectoryFlowHttpTest {
    @RegisterExtension
    static final DemoApp app = new DemoApp();

    @Test
    void demoConfigWhenSignInUserinfoChangePasswordAndSignInPageThenEachWorks() {
        String token = app.http().signIn("demo\\agent3", "agent3-Secret!").get("access_token").asText();
        Response userinfo = app.http().getWithBearer("/auth/v3/userinfo", token);
        assertEquals(200, userinfo.status(), userinfo.body());
        assertEquals("agent3", userinfo.json().get("loginName").asText());
        assertTrue(userinfo.json().get("authorities").size() > 0, "groups read by the service account");

        Response changed = app.http().post("/auth/v3/change-password",
                "{\"data\":{\"oldPassword\":\"agent3-Secret!\",\"newPassword\":\"agent3-Changed-Secret!\"}}",
                "Content-Type", "application/json", "Authorization", "Bearer " + token);
        assertEquals(200, changed.status(), changed.body());
        assertEquals(400, app.http().token("grant_type", "password", "username", "demo\\agent3",
                "password", "agent3-Secret!").status(), "the old password is gone");

        SignInClient browser = new SignInClient(app.baseUrl());
        String location = browser.signIn(authorize("client_id", "demo-client", "response_type", "code",
                "redirect_uri", DEMO_REDIRECT), "demo\\agent3", "agent3-Changed-Secret!");
        assertTrue(location.startsWith(DEMO_REDIRECT + "?code="), location);
    }
}
