package dev.authbridge.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient.Response;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The legacy {@code POST /auth-scheme} of older vendor SDKs: always {@code basic}, whoever is named. */
class AuthSchemeHttpTest {
    @RegisterExtension
    static final DemoApp app = new DemoApp();

    @ParameterizedTest
    @ValueSource(strings = {"{\"data\": {\"tenant\": \"demo\", \"userName\": \"agent1\"}}",
            "{\"data\": {\"tenant\": \"nowhere\", \"userName\": \"*)(uid=*\"}}", "{}", ""})
    void schemeWhenAnyoneNamedThenBasic(String body) {
        Response r = app.http().post("/auth/v3/auth-scheme", body, "Content-Type", "application/json", "x-api-key", "k");

        assertEquals(200, r.status(), r.body());
        assertEquals("basic", r.json().path("data").path("scheme").asText());
        assertEquals(0, r.json().path("status").path("code").asInt());
        assertEquals("/auth/v3/auth-scheme", r.json().path("path").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1]", "{\"data\": "})
    void schemeWhenBodyMalformedThen400Envelope(String body) {
        Response r = app.http().post("/auth/v3/auth-scheme", body, "Content-Type", "application/json");

        assertEquals(400, r.status(), r.body());
        assertEquals(400, r.json().path("status").path("code").asInt());
    }
}
