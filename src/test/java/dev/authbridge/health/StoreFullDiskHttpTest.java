package dev.authbridge.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.config.AuditConfig;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.SmallDisk;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's disk fills up: readiness says so (a load balancer stops sending sign-ins that
 * could only fail), names the store and why, and recovers without a restart once there is room.
 */
class StoreFullDiskHttpTest {
    @TempDir
    Path elsewhere;

    @Test
    void readyWhenStoreDiskFullThen503NamingStoreAndWhenFreedThen200() {
        try (SmallDisk disk = SmallDisk.mount(4);
                RunningApp app = RunningApp.start(TestConfig.shipped(disk.root())
                        .withAudit(new AuditConfig(elsewhere.resolve("audit.log"), false)))) {
            assertEquals(200, app.http.get("/health/ready").status());
            app.http.signIn("demo\\agent1", "agent1-Secret!");

            disk.fill();
            Response down = app.http.get("/health/ready");
            assertEquals(503, down.status(), down.body());
            JsonNode body = down.json();
            assertEquals("DOWN", body.get("status").asText());
            assertEquals("DOWN", body.get("checks").get("store").asText());
            assertEquals("UP", body.get("checks").get("directory").asText());
            assertEquals("cannot commit: the disk is full (SQLITE_FULL)", body.get("reasons").get("store").asText());
            assertFalse(body.has("reasons") && body.get("reasons").has("directory"));
            assertFalse(down.body().contains(disk.root().toString()), "no path for the unauthenticated caller");
            Response signIn = app.http.token("grant_type", "password", "username", "demo\\agent1",
                    "password", "agent1-Secret!");
            assertEquals(503, signIn.status(), signIn.body());
            assertEquals("STORE_UNAVAILABLE", signIn.json().get("status").get("detail").get("reason").asText());

            disk.free();
            Response up = app.http.get("/health/ready");
            assertEquals(200, up.status(), up.body());
            assertFalse(up.json().has("reasons"));
            assertTrue(app.http.signIn("demo\\agent1", "agent1-Secret!").has("access_token"), "serves again");
        }
    }
}
