package dev.authbridge.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestCertificates;
import dev.authbridge.testing.TestConfig;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS served by authbridge itself ({@code server.tls}): TLS 1.2+ only, HSTS on every answer,
 * the discovery document's URLs built with https; plain HTTP is not spoken on the port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsHttpTest {
    @TempDir
    static Path dir;

    private RunningApp app;
    private HttpClient client;
    private String base;

    @BeforeAll
    void start() throws Exception {
        Path keys = TestCertificates.localhost(dir, "server.p12");
        app = RunningApp.start(TestConfig.shipped(dir).withTls(keys, TestCertificates.PASSWORD, Duration.ofDays(180)));
        base = app.baseUrl().replace("http://127.0.0.1", "https://localhost");
        client = HttpClient.newBuilder().sslContext(trusting(keys)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private static SSLContext trusting(Path keys) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys)) {
            store.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", store.getCertificate(TestCertificates.ALIAS));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void getWhenHttpsThenServedWithHsts() throws Exception {
        HttpResponse<String> r = get("/auth/v3/ping");
        assertEquals(403, r.statusCode());
        assertEquals("max-age=15552000", r.headers().firstValue("Strict-Transport-Security").orElse(null));
        assertEquals(200, get("/health/live").statusCode());
    }

    @Test
    void discoveryWhenNoPublicUrlThenHttpsUrlsOfTheListener() throws Exception {
        HttpResponse<String> r = get("/auth/v3/.well-known/openid-configuration");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"issuer\":\"https://127.0.0.1:"), r.body());
    }

    @Test
    void signInWhenHttpsThenTokens() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/auth/v3/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", dev.authbridge.testing.HttpTestClient.basic("demo-client", "demo-secret"))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=demo%5Cagent1&password=agent1-Secret%21"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void plainHttpWhenSentToTheTlsPortThenNeverServed() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Object outcome;
        try {
            outcome = plain.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/auth/v3/ping"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (java.io.IOException | InterruptedException e) {
            outcome = e;
        }
        // The TLS listener closes a plaintext connection, or at most answers 400: never the API.
        assertTrue(outcome instanceof java.io.IOException || Integer.valueOf(400).equals(outcome), String.valueOf(outcome));
    }

    @Test
    void tlsWhenClientDoesNotTrustTheCertificateThenHandshakeFails() {
        HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThrows(SSLHandshakeException.class, () -> untrusting.send(
                HttpRequest.newBuilder(URI.create(base + "/health/live")).build(), HttpResponse.BodyHandlers.ofString()));
    }
}
