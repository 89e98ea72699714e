package dev.authbridge.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authbridge.testing.AuthbridgeProcess;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.PostgresStores;
import dev.authbridge.testing.TestConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/provision-client}, the vendor-style provisioning script (curl + jq), run as an
 * operator runs it against authbridge processes as production runs them: the client it creates
 * signs in at once (on every instance sharing the store), its redirect URIs change at once, and
 * once it is deleted neither it nor its tokens work anywhere.
 */
class ProvisionClientScriptTest {
    private static final Path SCRIPT = TestConfig.REPO.resolve("scripts/provision-client");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OLD = "https://old.example.com/cb";
    private static final String NEW = "https://new.example.com/cb";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private static Run script(AuthbridgeProcess node, String opsPassword, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(Map.of("AUTH_URL", node.baseUrl() + "/auth/v3", "OPS_USER", "ops",
                "OPS_PASSWORD", opsPassword));
        Path out = Files.createTempFile("provision", ".out");
        Path err = Files.createTempFile("provision", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("provision-client " + String.join(" ", args) + " did not finish");
        }
        Run run = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    private static Run ok(AuthbridgeProcess node, String... args) throws Exception {
        Run run = script(node, "demo-ops-password", args);
        assertEquals(0, run.exit(), () -> String.join(" ", args) + ": " + run);
        return run;
    }

    private static HttpTestClient.Response passwordGrant(AuthbridgeProcess node, String client, String secret) {
        return node.http().post("/auth/v3/oauth/token", HttpTestClient.form(HttpTestClient.fields("grant_type", "password",
                        "username", "agent1", "password", "agent1-Secret!")),
                "Content-Type", "application/x-www-form-urlencoded", "Authorization", HttpTestClient.basic(client, secret));
    }

    private static int authorize(AuthbridgeProcess node, String redirectUri) {
        return node.http().get("/auth/v3/oauth/authorize?client_id=scripted&response_type=code&redirect_uri="
                + java.net.URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)).status();
    }

    @Test
    void scriptWhenCreateUpdateDeleteThenEachCountsAtOnce() throws Exception {
        try (AuthbridgeProcess node = AuthbridgeProcess.start(TestConfig.shipped(dir))) {
            provisionAndRetire(node, node);
        }
    }

    /** Two instances on one PostgreSQL: what the script does through one, the other knows at once. */
    @Test
    void scriptWhenTwoInstancesShareTheStoreThenBothSeeEveryChangeAtOnce() throws Exception {
        PostgresStores pg = PostgresStores.create("provision");
        try (AuthbridgeProcess a = AuthbridgeProcess.start(pg.demoConfig(Files.createDirectories(dir.resolve("a"))));
                AuthbridgeProcess b = AuthbridgeProcess.start(pg.demoConfig(Files.createDirectories(dir.resolve("b"))))) {
            provisionAndRetire(a, b);
        }
    }

    /** The script talks to {@code via}; every check is made on {@code other}. */
    private static void provisionAndRetire(AuthbridgeProcess via, AuthbridgeProcess other) throws Exception {
        JsonNode created = JSON.readTree(ok(via, "create", "scripted", "password,refresh_token,authorization_code", OLD).out());
        String secret = created.path("client_secret").asText();
        assertEquals("scripted", created.path("client_id").asText());
        assertTrue(secret.length() >= 40, created::toString);

        HttpTestClient.Response signedIn = passwordGrant(other, "scripted", secret);
        assertEquals(200, signedIn.status(), signedIn.body());
        String access = signedIn.json().path("access_token").asText();
        assertEquals(200, authorize(other, OLD));

        JsonNode updated = JSON.readTree(ok(via, "redirects", "scripted", NEW).out());
        assertEquals(List.of(NEW), List.of(updated.path("redirectURIs").path(0).asText()));
        assertEquals(1, updated.path("redirectURIs").size());
        assertEquals(200, authorize(other, NEW));
        assertEquals(400, authorize(other, OLD), "the old redirect URI is refused at once");
        assertTrue(ok(via, "list").out().lines().anyMatch(l -> l.equals(
                "scripted\tCONFIDENTIAL\tpassword,refresh_token,authorization_code\t" + NEW)));

        Run again = script(via, "demo-ops-password", "create", "scripted", "password");
        assertEquals(1, again.exit(), again::toString);
        assertTrue(again.err().contains("HTTP 409"), again::toString);
        Run wrong = script(via, "not-the-password", "list");
        assertEquals(1, wrong.exit(), wrong::toString);
        assertTrue(wrong.err().contains("HTTP 401"), wrong::toString);

        assertEquals("deleted scripted: 2 tokens revoked", ok(via, "delete", "scripted").out().strip(), "access and refresh");
        assertEquals(401, other.http().getWithBearer("/auth/v3/userinfo", access).status());
        assertEquals(401, passwordGrant(other, "scripted", secret).status());
        assertEquals(1, script(via, "demo-ops-password", "show", "scripted").exit());
    }
}
