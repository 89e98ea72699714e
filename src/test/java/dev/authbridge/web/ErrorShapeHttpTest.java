package dev.authbridge.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unknown paths, wrong methods and oversized bodies all answer the API's envelope. */
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

    @Test
    void oversizedBodyOnAnyPathThen413Envelope() {
        Response r = app.http().post("/auth/v3/sign-out", "x".repeat(70 * 1024), "Content-Type", "application/json");
        assertEquals(413, r.status(), r.body());
        assertEnvelope(r, 413);
    }

    private static void assertEnvelope(Response r, int status) {
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        assertEquals(status, r.json().get("status").get("code").asInt());
        assertTrue(r.json().get("errors").isArray());
        assertTrue(r.json().has("path"));
        assertFalse(r.body().contains("Exception"), r.body());
    }
}
