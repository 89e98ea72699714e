package dev.authbridge.ops;

import static dev.authbridge.ops.OpsClientHttpTest.JSON;
import static dev.authbridge.ops.OpsClientHttpTest.PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.authbridge.config.LockoutConfig;
import dev.authbridge.config.OpsConfig;
import dev.authbridge.config.Secret;
import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.HttpTestClient.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bounds of the ops API: the operator's password is lockout-protected like any password
 * (here after 3 wrong ones), and the store holds at most {@code ops.maxClients} clients.
 */
class OpsLimitsHttpTest {
    static final String OPS = HttpTestClient.basic("operator", "limits-Password-1");

    @RegisterExtension
    static final DemoApp app = new DemoApp(config -> config
            .withOps(new OpsConfig("operator", new Secret("limits-Password-1"), 2))
            .withLockout(l -> new LockoutConfig(true, 3, 50, Duration.ofMinutes(15), Duration.ofMinutes(5),
                    Duration.ofHours(1), Duration.ofHours(24))));

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
