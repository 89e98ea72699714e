package dev.authbridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.testing.DemoDirectory;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.Slapd;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped configuration, changed only to point at a stock OpenLDAP loaded with the same
 * {@code ldif/}, answers exactly as on the embedded directory.
 */
class ExternalOpenLdapHttpTest {
    @TempDir
    static Path dir;

    static Slapd slapd;
    static RunningApp app;

    @BeforeAll
    static void start() {
        slapd = DemoDirectory.start();
        app = RunningApp.start(TestConfig.shipped(dir)
                .externalDirectory(slapd.url(), Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (slapd != null) {
            slapd.stop();
        }
    }

    @Test
    void walkThroughWhenOpenLdapThenSameAnswersAsEmbedded() {
        JsonNode tokens = app.http.signIn("demo\\supervisor1", "supervisor1-Secret!");
        String access = tokens.get("access_token").asText();
        JsonNode me = app.http.getWithBearer("/auth/v3/userinfo", access).json();
        assertEquals("supervisor1", me.get("loginName").asText());
        assertEquals("f91397f1-6bf6-4fcd-8623-4c4efd81e152", me.get("contactCenterId").asText());
        assertEquals(1009, me.get("dbid").asInt());
        assertEquals(2, me.get("authorities").size(), me.toString());
        assertTrue(me.get("authorities").get(1).get("privileges").size() >= 2);
        JsonNode openId = app.http.getWithBearer("/auth/v3/openid/userinfo", access).json();
        assertTrue(openId.get("sub").asText().matches("[0-9a-f-]{36}"), openId.toString());

        JsonNode refreshed = app.http.token("grant_type", "refresh_token", "refresh_token",
                tokens.get("refresh_token").asText()).json();
        String second = refreshed.get("access_token").asText();
        assertEquals(200, app.http.getWithBearer("/auth/v3/ping", second).status());
        assertEquals(200, app.http.get("/auth/v3/sign-out?global=true", "Authorization", "Bearer " + second).status());
        assertEquals(401, app.http.getWithBearer("/auth/v3/userinfo", second).status());
        assertEquals(401, app.http.getWithBearer("/auth/v3/userinfo", access).status());
    }

    @Test
    void passwordGrantWhenWrongOnOpenLdapThenInvalidGrant() {
        assertEquals(400, app.http.token("grant_type", "password", "username", "demo\\agent1", "password", "nope").status());
        assertEquals(400, app.http.token("grant_type", "password", "username", "demo\\*", "password", "agent1-Secret!").status());
    }
}
