package dev.authbridge.ops;

import static dev.authbridge.testing.HttpTestClient.basic;
import static dev.authbridge.testing.HttpTestClient.fields;
import static dev.authbridge.testing.HttpTestClient.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.config.TokenExchangeConfig;
import dev.authbridge.oauth.TokenTypes;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestClient;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleting a client through the ops API revokes its sign-ins whole: a token another client
 * obtained by token exchange from one of them (bound to a third client, the target) joined that
 * sign-in and stops working with it (RFC 8693: the exchanged token never outlives its subject).
 */
class ClientDeletedExchangeHttpTest {
    private static final String OPS = HttpTestClient.basic("ops", "demo-ops-password");
    private static final String FORM = "application/x-www-form-urlencoded";

    @TempDir
    Path dir;

    private static Response post(RunningApp app, String client, String secret, String... kv) {
        return app.http.post("/auth/v3/oauth/token", form(fields(kv)), "Content-Type", FORM,
                "Authorization", basic(client, secret));
    }

    private static boolean active(RunningApp app, String token) {
        Response r = app.http.post("/auth/v3/oauth/introspect", form(fields("token", token)), "Content-Type", FORM,
                "Authorization", basic("orders", "orders-secret"));
        assertEquals(200, r.status(), r.body());
        return r.json().get("active").asBoolean();
    }

    @Test
    void deleteWhenAnotherClientExchangedAUserTokenOfItThenTheExchangedTokenIsRevokedToo() {
        try (RunningApp app = RunningApp.start(TestConfig.shipped(dir).addClients(
                TestClient.confidential("gateway", "gateway-secret").grants(TokenExchangeConfig.GRANT_TYPE)
                        .exchangingFor("orders").build(),
                TestClient.confidential("orders", "orders-secret").grants("client_credentials").build()))) {
            Response created = app.http.post("/auth/v3/ops/clients", """
                    {"data": {"client_id": "kiosk", "client_secret": "kiosk-secret-1",
                      "authorizedGrantTypes": ["password"]}}""",
                    "Authorization", OPS, "Content-Type", "application/json");
            assertEquals(200, created.status(), created.body());
            Response signedIn = post(app, "kiosk", "kiosk-secret-1", "grant_type", "password",
                    "username", "demo\\agent1", "password", "agent1-Secret!");
            assertEquals(200, signedIn.status(), signedIn.body());
            String subject = signedIn.json().get("access_token").asText();
            Response exchanged = post(app, "gateway", "gateway-secret", "grant_type", TokenExchangeConfig.GRANT_TYPE,
                    "subject_token", subject, "subject_token_type", TokenTypes.ACCESS_TOKEN, "audience", "orders");
            assertEquals(200, exchanged.status(), exchanged.body());
            String forOrders = exchanged.json().get("access_token").asText();
            assertTrue(active(app, forOrders));

            Response deleted = app.http.method("DELETE", "/auth/v3/ops/clients/kiosk", "Authorization", OPS);
            assertEquals(200, deleted.status(), deleted.body());

            assertFalse(active(app, subject), "the deleted client's own token");
            assertFalse(active(app, forOrders), "what was exchanged from its sign-in goes with it");
            assertEquals(401, app.http.getWithBearer("/auth/v3/userinfo", forOrders).status());
        }
    }
}
