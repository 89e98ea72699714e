package dev.authbridge.ops;

import static dev.authbridge.ops.OpsClientHttpTest.JSON;
import static dev.authbridge.ops.OpsClientHttpTest.PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.authbridge.config.CorsConfig;
import dev.authbridge.config.LockoutConfig;
import dev.authbridge.config.OpsConfig;
import dev.authbridge.config.Secret;
import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.HttpTestClient.Response;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bounds of the ops API: the operator's password is lockout-protected like any password
 * (here after 3 wrong ones), the store holds at most {@code ops.maxClients} clients, and no
 * browser page may read or preflight it, whatever origins CORS allows elsewhere.
 */
class OpsLimitsHttpTest {
    static final String OPS = HttpTestClient.basic("operator", "limits-Password-1");
    static final String EVERY = "https://every.example.com";

    @RegisterExtension
    static final DemoApp app = new DemoApp(config -> config
            .withOps(new OpsConfig("operator", new Secret("limits-Password-1"), 2))
            .withCors(new CorsConfig(List.of(EVERY), List.of("Authorization", "Content-Type"), Duration.ofMinutes(10)))
            .withLockout(l -> new LockoutConfig(true, 3, 50, Duration.ofMinutes(15), Duration.ofMinutes(5),
                    Duration.ofHours(1), Duration.ofHours(24))));

    @Test
    void anyCallWhenFromABrowserOfAnAllowedOriginThenNoCorsHeadersAndPreflightRefused() {
        Response r = app.http().get(PATH, "Authorization", OPS, "Origin", EVERY);
        assertEquals(200, r.status());
        assertEquals(null, r.header("Access-Control-Allow-Origin"), "a page cannot read it");
        assertEquals(403, app.http().method("OPTIONS", PATH, "Origin", EVERY, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "Authorization, Content-Type").status());
        assertEquals(EVERY, app.http().get("/auth/v3/jwks", "Origin", EVERY).header("Access-Control-Allow-Origin"),
                "other paths as configured");
    }

    @Test
    void createWhenStoreHoldsMaxClientsThen409AndConfigClientsNotCounted() {
        for (String id : new String[] {"one", "two"}) {
            Response r = app.http().post(PATH, "{\"data\": {\"client_id\": \"" + id + "\", \"authorizedGrantTypes\": [\"password\"]}}",
                    "Authorization", OPS, "Content-Type", JSON);
            assertEquals(200, r.status(), r.body());
        }

        Response third = app.http().post(PATH, "{\"data\": {\"client_id\": \"three\", \"authorizedGrantTypes\": [\"password\"]}}",
                "Authorization", OPS, "Content-Type", JSON);

        assertEquals(409, third.status(), third.body());
        assertEquals("CLIENT_LIMIT_REACHED", third.json().path("status").path("detail").path("reason").asText());
        assertEquals(200, app.http().method("DELETE", PATH + "/one", "Authorization", OPS).status());
        assertEquals(200, app.http().post(PATH, "{\"data\": {\"client_id\": \"three\", \"authorizedGrantTypes\": [\"password\"]}}",
                "Authorization", OPS, "Content-Type", JSON).status(), "a place freed is taken");
    }

    @Test
    void anyCallWhenOperatorLockedOutThen401EvenWithTheRightPasswordWithRetryAfter() {
        String wrong = HttpTestClient.basic("operator", "guess");
        for (int i = 0; i < 3; i++) {
            assertEquals(401, app.http().get(PATH, "Authorization", wrong).status());
        }

        Response right = app.http().get(PATH, "Authorization", OPS);

        assertEquals(401, right.status(), right.body());
        assertNotNull(right.header("Retry-After"));
        app.clock().advance(Duration.ofMinutes(6));
        assertEquals(200, app.http().get(PATH, "Authorization", OPS).status(), "the lockout ends");
    }
}
