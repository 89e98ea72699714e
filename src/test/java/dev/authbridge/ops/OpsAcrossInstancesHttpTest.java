package dev.authbridge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one store: a secret changed through one is the only one the other accepts at
 * once, although the other had remembered the old one as accepted (the memory is keyed by the
 * hash it matched, and the new hash matches nothing remembered); a deletion through one is a
 * refusal on the other.
 */
class OpsAcrossInstancesHttpTest {
    private static final String OPS = HttpTestClient.basic("ops", "demo-ops-password");

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    private static int token(RunningApp app, String secret) {
        return app.http.post("/auth/v3/oauth/token", "grant_type=client_credentials",
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", HttpTestClient.basic("shared-svc", secret)).status();
    }

    @Test
    void updateWhenSecretChangedOnOneInstanceThenTheOtherRefusesTheOldOneAtOnce() {
        Path store = dirA.resolve("shared.db");
        try (RunningApp a = RunningApp.start(TestConfig.shipped(dirA).withStore(store));
                RunningApp b = RunningApp.start(TestConfig.shipped(dirB).withStore(store))) {
            Response created = a.http.post("/auth/v3/ops/clients", """
                    {"data": {"client_id": "shared-svc", "client_secret": "first-secret-1",
                      "authorizedGrantTypes": ["client_credentials"]}}""",
                    "Authorization", OPS, "Content-Type", "application/json");
            assertEquals(200, created.status(), created.body());
            assertEquals(200, token(b, "first-secret-1"));
            assertEquals(200, token(b, "first-secret-1"), "remembered by b now");

            Response updated = a.http.put("/auth/v3/ops/clients/shared-svc",
                    "{\"data\": {\"client_secret\": \"second-secret-2\"}}", "Authorization", OPS,
                    "Content-Type", "application/json");
            assertEquals(200, updated.status(), updated.body());

            assertEquals(401, token(b, "first-secret-1"), "the old secret, remembered by b, is refused");
            assertEquals(200, token(b, "second-secret-2"));
            assertEquals(200, a.http.method("DELETE", "/auth/v3/ops/clients/shared-svc", "Authorization", OPS).status());
            assertEquals(401, token(b, "second-secret-2"), "deleted through a: gone on b");
        }
    }
}
