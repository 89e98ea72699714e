package dev.authbridge.session;

import static dev.authbridge.authorize.BrowserClients.DEMO_REDIRECT;
import static dev.authbridge.authorize.SignInClient.authorize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPURL;
import dev.authbridge.authorize.SignInClient;
import dev.authbridge.testing.DemoDirectory;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Single sign-on rests on the directory: a user removed from it is not signed in again. */
class SingleSignOnUserRemovedHttpTest {
    private static final String DEMO = authorize("client_id", "demo-client", "response_type", "code",
            "redirect_uri", DEMO_REDIRECT);

    @Test
    void authorizeWhenSessionUserRemovedFromDirectoryThenSignInPageAndSessionEnded() throws Exception {
        TestConfig config = TestConfig.shipped(Files.createTempDirectory("authbridge-sso-removed"))
                .withEmbedded(embedded -> embedded.withAdministrators(List.of(DemoDirectory.ADMIN_DN)));
        try (RunningApp app = RunningApp.start(config)) {
            int ldapPort = new LDAPURL(app.embeddedDirectoryUrl()).getPort();
            SignInClient browser = new SignInClient(app.baseUrl());
            browser.signIn(DEMO, "demo\\agent8", "agent8-Secret!");
            assertEquals(302, browser.get(DEMO).status(), "single sign-on while the user exists");
            try (LDAPConnection ldap = new LDAPConnection("127.0.0.1", ldapPort,
                    DemoDirectory.ADMIN_DN, DemoDirectory.ADMIN_PASSWORD)) {
                ldap.delete("uid=agent8,ou=people,ou=demo,dc=example,dc=com");
            }
            assertEquals(200, browser.get(DEMO).status(), "the page: the user must sign in (and cannot)");
            assertEquals(403, browser.get("/auth/v3/ping").status(), "the session was ended");
        }
    }
}
