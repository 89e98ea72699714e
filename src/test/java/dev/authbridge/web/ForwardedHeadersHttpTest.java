package dev.authbridge.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.testing.AuditLines;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behind a trusted reverse proxy (here: the test itself, 127.0.0.1, declared in
 * {@code server.trustedProxies}), the client's address and the proxy's request id are what the
 * audit log records; a request id that is not plain is replaced.
 */
class ForwardedHeadersHttpTest {
    @TempDir
    Path dir;

    @Test
    void requestWhenFromTrustedProxyThenForwardedClientAndRequestIdRecorded() {
        try (RunningApp app = RunningApp.start(TestConfig.shipped(dir).withTrustedProxies("127.0.0.0/8", "::1"))) {
            String body = HttpTestClient.form(HttpTestClient.fields("grant_type", "password", "username", "demo\\agent5",
                    "password", "agent5-Secret!"));
            HttpTestClient.Response kept = app.http.post("/auth/v3/oauth/token", body,
                    "Content-Type", "application/x-www-form-urlencoded",
                    "Authorization", HttpTestClient.basic("demo-client", "demo-secret"),
                    "X-Forwarded-For", "2001:db8::42, 127.0.0.2", "X-Forwarded-Proto", "https",
                    "X-Request-Id", "proxy-req-7");
            assertEquals(200, kept.status(), kept.body());
            assertEquals("proxy-req-7", kept.header("X-Request-Id"));
            HttpTestClient.Response replaced = app.http.post("/auth/v3/oauth/token", body,
                    "Content-Type", "application/x-www-form-urlencoded",
                    "Authorization", HttpTestClient.basic("demo-client", "demo-secret"),
                    "X-Request-Id", "bad id\u00e9");
            assertNotEquals("bad id\u00e9", replaced.header("X-Request-Id"));

            List<JsonNode> signIns = AuditLines.of(dir.resolve("audit.log"), "sign_in");
            assertEquals("2001:db8:0:0:0:0:0:42", signIns.get(0).get("sourceIp").asText());
            assertEquals("proxy-req-7", signIns.get(0).get("requestId").asText());
            assertEquals("127.0.0.1", signIns.get(1).get("sourceIp").asText(), "no X-Forwarded-For: the peer itself");
        }
    }
}
