package dev.authbridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.authorize.BrowserClients;
import dev.authbridge.authorize.SignInClient;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens live in the SQLite file: they survive a restart of authbridge, revocations too, and so
 * does the sign-in form's CSRF key.
 */
class RestartHttpTest {
    @TempDir
    Path dir;

    @Test
    void tokensWhenAuthbridgeRestartedThenStillValid() {
        AuthbridgeConfig config = TestConfig.shipped(dir).build();
        JsonNode kept;
        JsonNode revoked;
        try (RunningApp first = RunningApp.start(config)) {
            kept = first.http.signIn("demo\\agent1", "agent1-Secret!");
            revoked = first.http.signIn("demo\\agent2", "agent2-Secret!");
            first.http.post("/auth/v3/sign-out", "", "Authorization", "Bearer " + revoked.get("access_token").asText());
        }
        try (RunningApp second = RunningApp.start(config)) {
            assertEquals(200, second.http.getWithBearer("/auth/v3/userinfo", kept.get("access_token").asText()).status());
            assertEquals(401, second.http.getWithBearer("/auth/v3/userinfo", revoked.get("access_token").asText()).status());
            assertEquals(200, second.http.token("grant_type", "refresh_token", "refresh_token",
                    kept.get("refresh_token").asText()).status());
        }
    }

    @Test
    void signInFormWhenShownBeforeARestartThenAcceptedAfterIt() {
        AuthbridgeConfig config = TestConfig.shipped(dir).build();
        SignInClient browser;
        HttpTestClient.Response page;
        try (RunningApp first = RunningApp.start(config)) {
            browser = new SignInClient(first.baseUrl());
            page = browser.get(SignInClient.authorize("client_id", "demo-client", "response_type", "code",
                    "redirect_uri", BrowserClients.DEMO_REDIRECT));
            assertEquals(200, page.status());
        }
        try (RunningApp second = RunningApp.start(config)) {
            SignInClient after = new SignInClient(second.baseUrl());
            after.cookies().putAll(browser.cookies());

            HttpTestClient.Response posted = after.submit(page, "agent1", "agent1-Secret!", "demo");

            assertEquals(303, posted.status(), posted.body());
        }
    }
}
