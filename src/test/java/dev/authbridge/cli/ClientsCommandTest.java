package dev.authbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.testing.AuditLines;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authbridge clients} against the store of a running authbridge: a client added on the
 * command line signs in at once, an update counts at once, a removal ends its tokens; the
 * configuration's clients are listed and left alone; refusals list every problem.
 */
class ClientsCommandTest {
    private static final Pattern SECRET = Pattern.compile("client secret \\(shown this once; only its hash is kept\\): (\\S+)");

    @TempDir
    Path dir;

    private Path config;

    @BeforeEach
    void writeConfig() {
        config = CliRunner.writeConfig(dir, TestConfig.shipped(dir));
    }

    private CliRunner.Result cli(String stdin, String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return CliRunner.run(stdin, all);
    }

    private static HttpTestClient.Response password(RunningApp app, String client, String secret) {
        return app.http.post("/auth/v3/oauth/token", HttpTestClient.form(HttpTestClient.fields("grant_type", "password",
                        "username", "agent1", "password", "agent1-Secret!")),
                "Content-Type", "application/x-www-form-urlencoded", "Authorization", HttpTestClient.basic(client, secret));
    }

    @Test
    void addWhenNoSecretThenOnePrintedOnceAndTheRunningServerAcceptsIt() {
        try (RunningApp app = RunningApp.start(dir)) {
            CliRunner.Result added = cli(null, "clients", "add", "cli-app", "--grant", "password", "--grant", "refresh_token",
                    "--redirect-uri", "https://cli.example.com/cb", "--name", "From the CLI");
            assertEquals(0, added.exit(), added::toString);
            Matcher secret = SECRET.matcher(added.out());
            assertTrue(secret.find(), added::toString);

            assertEquals(200, password(app, "cli-app", secret.group(1)).status());
            CliRunner.Result list = cli(null, "clients", "list");
            assertTrue(list.out().lines().anyMatch(l -> l.matches("demo-client\\s+CONFIDENTIAL\\s+config\\s+.*")), list::toString);
            assertTrue(list.out().lines().anyMatch(l -> l.matches("cli-app\\s+CONFIDENTIAL\\s+store\\s+password,refresh_token\\s+"
                    + "https://cli.example.com/cb")), list::toString);
            assertTrue(!list.all().contains(secret.group(1)), "the secret is never listed");

            JsonNode line = AuditLines.of(dir.resolve("audit.log"), "client_created").get(0);
            assertEquals("cli-app", line.get("client").asText());
            assertEquals("command_line", line.get("by").asText());
            assertEquals("success", line.get("outcome").asText().toLowerCase());
        }
    }

    @Test
    void addWhenSecretReadFromFileThenItAuthenticatesAndIsNotPrinted() throws Exception {
        Path file = Files.writeString(dir.resolve("secret.txt"), "file-Secret-123\n");
        try (RunningApp app = RunningApp.start(dir)) {
            CliRunner.Result added = cli(null, "clients", "add", "filed", "--grant", "password", "--secret-file", file.toString());
            assertEquals(0, added.exit(), added::toString);
            assertTrue(!added.all().contains("file-Secret-123") && !SECRET.matcher(added.out()).find(), added::toString);

            assertEquals(200, password(app, "filed", "file-Secret-123").status());
        }
    }

    @Test
    void updateAndRemoveWhenServerRunningThenEachCountsAtOnce() {
        try (RunningApp app = RunningApp.start(dir)) {
            cli("stdin-Secret-1\n", "clients", "add", "changing", "--grant", "password", "--read-secret");
            String access = password(app, "changing", "stdin-Secret-1").json().get("access_token").asText();

            CliRunner.Result updated = cli(null, "clients", "update", "changing", "--grant", "client_credentials");
            assertEquals(0, updated.exit(), updated::toString);
            assertEquals(400, password(app, "changing", "stdin-Secret-1").status(), "no longer registered for password");

            CliRunner.Result removed = cli(null, "clients", "remove", "changing");
            assertEquals("client changing removed, 1 tokens revoked", removed.out().strip(), removed::toString);
            assertEquals(401, app.http.getWithBearer("/auth/v3/userinfo", access).status());
            assertEquals(1, AuditLines.of(dir.resolve("audit.log"), "client_deleted").size());
        }
    }

    @Test
    void addWhenInvalidThenEveryProblemListedAndExit1() {
        CliRunner.Result r = cli(null, "clients", "add", "bad/id", "--grant", "magic", "--redirect-uri", "ftp://x",
                "--access-token-ttl", "0");

        assertEquals(1, r.exit(), r::toString);
        List<String> problems = r.err().lines().filter(l -> l.startsWith("  ")).toList();
        assertEquals(4, problems.size(), r::toString);
        assertTrue(r.err().contains("client_id:") && r.err().contains("authorizedGrantTypes:")
                && r.err().contains("redirectURIs[0]:") && r.err().contains("accessTokenExpirationTimeout:"), r::toString);
    }

    @Test
    void updateOrRemoveWhenConfigClientOrUnknownThenExit1AndNothingChanged() {
        CliRunner.Result update = cli(null, "clients", "update", "demo-client", "--name", "x");
        assertEquals(1, update.exit(), update::toString);
        assertTrue(update.err().contains("config.yaml"), update::toString);
        assertEquals(1, cli(null, "clients", "remove", "nobody").exit());
        assertEquals(2, cli(null, "clients", "remove").exit(), "the id is required");
    }
}
