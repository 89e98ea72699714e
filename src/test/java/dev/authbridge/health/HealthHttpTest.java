package dev.authbridge.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.config.ManagementConfig;
import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.DemoDirectory;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.Slapd;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health/live}, {@code /health/ready} and {@code /metrics}: readiness follows the
 * directory; the scrape parses as Prometheus text and counts what was done.
 */
class HealthHttpTest {
    @RegisterExtension
    static final DemoApp app = new DemoApp();

    @TempDir
    Path dir;

    @Test
    void liveAndReadyWhenEverythingAnswersThen200() {
        HttpTestClient.Response live = app.http().get("/health/live");
        assertEquals(200, live.status());
        assertEquals("UP", live.json().get("status").asText());
        HttpTestClient.Response ready = app.http().get("/health/ready");
        assertEquals(200, ready.status(), ready.body());
        assertEquals("UP", ready.json().get("checks").get("directory").asText());
        assertEquals("UP", ready.json().get("checks").get("store").asText());
        assertEquals("no-store", ready.header("Cache-Control"));
    }

    @Test
    void readyWhenDirectoryDownThen503NamingItAndBackWhenItReturns() {
        try (Slapd slapd = DemoDirectory.start();
                RunningApp external = RunningApp.start(TestConfig.shipped(dir)
                        .externalDirectory(slapd.url(), Duration.ofSeconds(1), Duration.ofSeconds(2)))) {
            assertEquals(200, external.http.get("/health/ready").status());
            slapd.stopServer();
            HttpTestClient.Response down = external.http.get("/health/ready");
            assertEquals(503, down.status(), down.body());
            JsonNode body = down.json();
            assertEquals("DOWN", body.get("status").asText());
            assertEquals("DOWN", body.get("checks").get("directory").asText());
            assertEquals("UP", body.get("checks").get("store").asText());
            assertFalse(down.body().contains("127.0.0.1"), "why is for the log, not the unauthenticated caller");
            assertEquals(200, external.http.get("/health/live").status(), "alive all the same");
            slapd.restartServer();
            assertEquals(200, external.http.get("/health/ready").status());
        }
    }

    @Test
    void metricsWhenScrapedThenPrometheusTextCountingRequestsGrantsSignInsDirectoryAndStore() {
        HttpTestClient http = app.http();
        String refresh = http.signIn("demo\\agent2", "agent2-Secret!").get("refresh_token").asText();
        http.token("grant_type", "refresh_token", "refresh_token", refresh);
        // A sign-out drops the user from the user cache: the next token check reads the directory.
        String first = http.signIn("demo\\agent2", "agent2-Secret!").get("access_token").asText();
        String second = http.signIn("demo\\agent2", "agent2-Secret!").get("access_token").asText();
        http.post("/auth/v3/sign-out", "", "Authorization", "Bearer " + first);
        assertEquals(200, http.getWithBearer("/auth/v3/userinfo", second).status());
        http.token("grant_type", "password", "username", "demo\\agent2", "password", "Wrong-1!");
        http.token("grant_type", "password", "username", "demo\\nobody", "password", "Wrong-2!");
        String secretPath = "/auth/v3/nope-" + UUID.randomUUID();
        assertEquals(404, http.get(secretPath).status());
        HttpTestClient.Response scrape = http.get("/metrics");
        assertEquals(200, scrape.status());
        assertTrue(scrape.contentType().startsWith("text/plain; version=0.0.4"), scrape.contentType());
        PrometheusText metrics = PrometheusText.parse(scrape.body());

        assertTrue(metrics.value("http_server_requests_seconds_count",
                "method", "POST", "route", "/auth/v3/oauth/token", "status", "200") >= 2);
        assertTrue(metrics.value("http_server_requests_seconds_count",
                "method", "POST", "route", "/auth/v3/oauth/token", "status", "400") >= 2);
        assertTrue(metrics.value("http_server_requests_seconds_bucket",
                "route", "/auth/v3/oauth/token", "status", "200", "le", "+Inf") >= 2, "a latency histogram");
        assertTrue(!metrics.find("http_server_requests_seconds_bucket", "route", "/auth/v3/oauth/token", "le", "0.1").isEmpty());
        assertTrue(metrics.value("http_server_requests_seconds_count", "route", "unmatched", "status", "404") >= 1);
        assertFalse(scrape.body().contains(secretPath.substring(9)), "raw paths never become labels");

        assertTrue(metrics.value("authbridge_grants_total", "type", "password", "outcome", "issued") >= 1);
        assertTrue(metrics.value("authbridge_grants_total", "type", "refresh_token", "outcome", "issued") >= 1);
        assertTrue(metrics.value("authbridge_grants_total", "type", "password", "outcome", "invalid_grant") >= 2);
        assertTrue(metrics.value("authbridge_signin_failures_total", "reason", "wrong_password") >= 1);
        assertTrue(metrics.value("authbridge_signin_failures_total", "reason", "unknown_user") >= 1);

        assertTrue(metrics.value("authbridge_directory_operations_seconds_count", "operation", "authenticate", "outcome", "ok") >= 1);
        assertTrue(metrics.value("authbridge_directory_operations_seconds_count", "operation", "authenticate", "outcome", "rejected") >= 2);
        assertTrue(metrics.value("authbridge_directory_operations_seconds_count", "operation", "findByDn", "outcome", "ok") >= 1);
        assertEquals(10, metrics.value("authbridge_directory_pool_connections", "pool", "search", "state", "max"));
        assertTrue(metrics.value("authbridge_directory_pool_connects_total", "pool", "search", "outcome", "success") >= 1);
        assertTrue(metrics.value("authbridge_store_operations_seconds_count", "operation", "saveAll", "outcome", "ok") >= 3);
        assertTrue(metrics.value("authbridge_store_operations_seconds_count", "operation", "exchange", "outcome", "ok") >= 1);
        assertTrue(metrics.value("jvm_memory_used_bytes") > 0);
    }

    @Test
    void managementPortWhenConfiguredThenHealthAndMetricsOnlyThere() {
        TestConfig config = TestConfig.shipped(dir)
                .withManagement(new ManagementConfig(0, "127.0.0.1", "/status", "/prometheus"));
        try (RunningApp separate = RunningApp.start(config)) {
            assertTrue(separate.managementPort() > 0);
            HttpTestClient management = new HttpTestClient("http://127.0.0.1:" + separate.managementPort());
            assertEquals(200, management.get("/status/live").status());
            assertEquals(200, management.get("/status/ready").status());
            assertEquals(200, management.get("/prometheus").status());
            assertEquals(404, separate.http.get("/status/live").status());
            assertEquals(404, separate.http.get("/prometheus").status());
            assertEquals(404, management.get("/auth/v3/ping").status(), "the API is not on the management port");
        }
    }

    @Test
    void metricsWhenTurnedOffThen404() {
        TestConfig config = TestConfig.shipped(dir)
                .withManagement(new ManagementConfig(null, "127.0.0.1", "/health", null));
        try (RunningApp off = RunningApp.start(config)) {
            assertEquals(404, off.http.get("/metrics").status());
            assertEquals(200, off.http.get("/health/live").status());
        }
    }
}
