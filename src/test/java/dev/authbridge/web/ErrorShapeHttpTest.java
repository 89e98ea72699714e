package dev.authbridge.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.RawHttp;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unknown paths, wrong methods, oversized bodies and everything Jetty refuses before a route runs
 * (header block or URI too long, a malformed URI, conflicting framing) answer the API's envelope —
 * or, on the browser pages, the HTML error page; never Jetty's own page.
 */
class ErrorShapeHttpTest {
    @RegisterExtension
    static final DemoApp app = new DemoApp();

    @ParameterizedTest
    @ValueSource(strings = {"/", "/auth/v3/nope", "/auth/v2/userinfo", "/auth/v3/userinfo/extra", "/auth/v3/%2e%2e/etc"})
    void unknownPathThen404Envelope(String path) {
        Response r = app.http().get(path);
        assertEquals(404, r.status(), r.body());
        assertEnvelope(r, 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DELETE /auth/v3/ping", "PUT /auth/v3/oauth/token", "PATCH /auth/v3/sign-out", "DELETE /auth/v3/userinfo"})
    void wrongMethodThen405Envelope(String call) {
        String[] parts = call.split(" ");
        Response r = app.http().method(parts[0], parts[1]);
        assertEquals(405, r.status(), r.body());
        assertEnvelope(r, 405);
    }

    /** Repeated: the 413 must reach a client that is still sending its body, every time. */
    @RepeatedTest(20)
    void oversizedBodyOnAnyPathThen413Envelope() {
        Response r = app.http().post("/auth/v3/sign-out", "x".repeat(70 * 1024), "Content-Type", "application/json");
        assertEquals(413, r.status(), r.body());
        assertEnvelope(r, 413);
    }

    /** Far larger than the socket buffers: the server answers while the client is mid-upload. */
    @RepeatedTest(10)
    void oversizedBodyWhenClientStillSendingThen413Envelope() {
        Response r = app.http().post("/auth/v3/change-password", "x".repeat(900 * 1024), "Content-Type", "application/json");
        assertEquals(413, r.status(), r.body());
        assertEnvelope(r, 413);
    }

    @Test
    void oversizedChunkedBodyThen413Envelope() {
        String chunk = "x".repeat(8 * 1024);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            body.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        body.append("0\r\n\r\n");
        RawHttp.Response r = raw("POST /auth/v3/change-password HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + body);
        assertRawEnvelope(r, 413, "/auth/v3/change-password");
    }

    @Test
    void headersWhenLargerThanLimitThen431Envelope() {
        RawHttp.Response r = raw("GET /auth/v3/ping HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
        assertRawEnvelope(r, 431, null);
    }

    @Test
    void uriWhenLongerThanLimitThen414Envelope() {
        RawHttp.Response r = raw("GET /auth/v3/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertRawEnvelope(r, 414, ""); // no path to echo: it was never read whole
    }

    @ParameterizedTest
    @ValueSource(strings = {"/auth/v3/%zz", "/auth/v3/ping%", "/auth/v3/%00", "/auth/v3/\u00e9"})
    void uriWhenMalformedThen400Envelope(String path) {
        RawHttp.Response r = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertRawEnvelope(r, 400, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n",
            "Content-Length: 4\r\nContent-Length: 5\r\n\r\nabcde",
            "Content-Length: -1\r\n\r\n",
            "Content-Length: abc\r\n\r\n",
            "Transfer-Encoding: gzip\r\n\r\nabcd",
            "Transfer-Encoding: chunked\r\n\r\nzz\r\nabcd\r\n0\r\n\r\n",
            "Transfer-Encoding: chunked\r\n\r\n4\r\nabcdefgh\r\n0\r\n\r\n"})
    void framingWhenConflictingOrMalformedThen400Envelope(String framing) {
        RawHttp.Response r = raw("POST /auth/v3/change-password HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + framing);
        assertRawEnvelope(r, 400, null);
    }

    @Test
    void framingWhenMalformedOnTokenEndpointThenRfc6749Body() {
        RawHttp.Response r = raw("POST /auth/v3/oauth/token HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\ngrant\r\nzz\r\n");
        assertEquals(400, r.status(), r.body());
        assertEquals("invalid_request", r.json().get("error").asText(), r.body());
        assertTrue(r.json().has("error_description"), r.body());
    }

    @Test
    void headersWhenLargerThanLimitOnSignInPageThenHtmlErrorPage() {
        RawHttp.Response r = raw("GET /auth/v3/oauth/authorize?client_id=demo-client HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "a".repeat(20_000) + "\r\n\r\n");
        assertEquals(431, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("text/html"), r.header("Content-Type"));
        assertTrue(r.header("Content-Security-Policy").contains("default-src 'none'"));
        assertTrue(r.body().contains("authbridge"), r.body());
        assertFalse(r.body().contains("HTTP ERROR"), r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "utf-7", "UTF-16", "\"\"", "iso-8859-1"})
    void charsetWhenUnsupportedOnTokenEndpointThenRfc6749Body(String charset) {
        Response r = app.http().post("/auth/v3/oauth/token", "grant_type=client_credentials",
                "Content-Type", "application/x-www-form-urlencoded; charset=" + charset,
                "Authorization", "Basic c2VydmljZTpzZXJ2aWNlLXNlY3JldA==");
        assertEquals(400, r.status(), r.body());
        assertEquals("invalid_request", r.json().get("error").asText(), r.body());
        assertTrue(r.json().get("error_description").asText().contains("UTF-8"), r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "utf-7"})
    void charsetWhenUnsupportedOnJsonEndpointThen400Envelope(String charset) {
        Response r = app.http().post("/auth/v3/change-password", "{\"data\":{}}",
                "Content-Type", "application/json; charset=" + charset);
        assertEquals(400, r.status(), r.body());
        assertEnvelope(r, 400);
    }

    @Test
    void charsetWhenUnsupportedOnSignInFormThenHtmlErrorPage() {
        Response r = app.http().post("/auth/v3/sign-in", "username=a&password=b",
                "Content-Type", "application/x-www-form-urlencoded; charset=utf-7");
        assertEquals(400, r.status(), r.body());
        assertTrue(r.contentType().startsWith("text/html"), r.contentType());
        assertFalse(r.body().contains("Exception"), r.body());
    }

    @Test
    void charsetWhenUtf8QuotedThenRequestServed() {
        Response r = app.http().post("/auth/v3/oauth/token", "grant_type=client_credentials",
                "Content-Type", "application/x-www-form-urlencoded; charset=\"UTF-8\"",
                "Authorization", "Basic c2VydmljZTpzZXJ2aWNlLXNlY3JldA==");
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void uploadWhenAbortedThen400Envelope() {
        try (RawHttp http = RawHttp.connect(URI.create(app.baseUrl()).getPort())) {
            RawHttp.Response r = http.send("POST /auth/v3/change-password HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"data\":").shutdownOutput()
                    .read(Duration.ofSeconds(10));
            assertRawEnvelope(r, 400, "/auth/v3/change-password");
        }
    }

    private static RawHttp.Response raw(String request) {
        try (RawHttp http = RawHttp.connect(URI.create(app.baseUrl()).getPort())) {
            return http.send(request).read(Duration.ofSeconds(10));
        }
    }

    private static void assertRawEnvelope(RawHttp.Response r, int status, String path) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
        assertEquals(status, r.json().get("status").get("code").asInt(), r.body());
        assertEquals(status, r.json().get("errors").get(0).get("status").get("code").asInt(), r.body());
        assertTrue(r.json().has("path"), r.body());
        if (path != null) {
            assertEquals(path, r.json().get("path").asText());
        }
        assertFalse(r.body().contains("Exception"), r.body());
    }

    private static void assertEnvelope(Response r, int status) {
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        assertEquals(status, r.json().get("status").get("code").asInt());
        assertTrue(r.json().get("errors").isArray());
        assertTrue(r.json().has("path"));
        assertFalse(r.body().contains("Exception"), r.body());
    }
}
