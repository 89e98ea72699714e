package dev.authbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.testing.AuditLines;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.MutableClock;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authbridge tokens} and {@code bans} against the store of a running authbridge (the same
 * configuration file): what they show and what they change, as the running server sees it.
 */
class TokensAndBansCommandTest {
    @TempDir
    Path dir;

    private Path config;

    @BeforeEach
    void writeConfig() {
        config = CliRunner.writeConfig(dir, TestConfig.shipped(dir));
    }

    /** authbridge serving from the same configuration the commands read. */
    private RunningApp start() {
        return RunningApp.start(dir);
    }

    private CliRunner.Result cli(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return CliRunner.run(null, all);
    }

    private static List<String> rows(CliRunner.Result r) {
        List<String> lines = r.out().lines().toList();
        return lines.subList(1, lines.size() - 1);
    }

    @Test
    void bansWhenTwentyWrongPasswordsThenListedAndClearingLetsTheUserIn() {
        try (RunningApp app = start()) {
            for (int i = 0; i < 20; i++) {
                app.http.token("grant_type", "password", "username", "demo\\agent1", "password", "wrong-" + i);
            }
            CliRunner.Result list = cli("bans", "list");
            assertEquals(0, list.exit(), list::toString);
            List<String> rows = rows(list);
            assertEquals(1, rows.size(), list::toString);
            // The account's lockout, keyed by its entryUUID, named as the directory names it.
            assertTrue(rows.get(0).matches("account\\s+[0-9a-f-]{36}\\s+demo\\\\agent1\\s+1\\s+\\S+Z\\s+\\d+m.*"),
                    rows.get(0));
            assertEquals(400, app.http.token("grant_type", "password", "username", "demo\\agent1",
                    "password", "agent1-Secret!").status());

            CliRunner.Result clear = cli("bans", "clear", "--user", "Demo\\Agent1");
            assertEquals(0, clear.exit(), clear::toString);
            assertEquals("1 lockouts cleared", clear.out().strip());
            assertEquals(200, app.http.token("grant_type", "password", "username", "demo\\agent1",
                    "password", "agent1-Secret!").status(), "cleared: the user signs in at once");
            assertTrue(rows(cli("bans", "list")).isEmpty(), "nothing left to list");
            JsonNode cleared = AuditLines.of(dir.resolve("audit.log"), "lockout_cleared").get(0);
            assertEquals("demo\\agent1", cleared.get("user").asText());
            assertEquals("command_line", cleared.get("by").asText());
            assertEquals(1, cleared.get("count").asInt());
        }
    }

    @Test
    void bansWhenClientSecretGuessedThenListedAsClientAndClearingLetsItIn() {
        try (RunningApp app = start()) {
            for (int i = 0; i < 10; i++) {
                assertEquals(401, clientCredentials(app, "wrong-" + i).status());
            }
            assertEquals(401, clientCredentials(app, "service-secret").status());
            List<String> rows = rows(cli("bans", "list"));
            assertEquals(1, rows.size(), rows::toString);
            assertTrue(rows.get(0).matches("client\\s+service\\s+service\\s+1\\s+\\S+Z\\s+\\d+m.*"), rows.get(0));

            CliRunner.Result clear = cli("bans", "clear", "--client", "service");
            assertEquals("1 lockouts cleared", clear.out().strip(), clear::toString);
            assertEquals(200, clientCredentials(app, "service-secret").status());
            assertEquals("service", AuditLines.of(dir.resolve("audit.log"), "lockout_cleared").get(0).get("client").asText());
        }
    }

    private static HttpTestClient.Response clientCredentials(RunningApp app, String secret) {
        return app.http.post("/auth/v3/oauth/token", "grant_type=client_credentials",
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", HttpTestClient.basic("service", secret));
    }

    @Test
    void bansClearWhenNoTargetOrTwoThenExit2() {
        assertEquals(2, cli("bans", "clear").exit());
        assertEquals(2, cli("bans", "clear", "--user", "x", "--all").exit());
        assertEquals(2, cli("tokens", "revoke").exit(), "one target is required");
        assertEquals(2, cli("tokens", "revoke", "--user", "x", "--client", "y").exit());
    }

    @Test
    void tokensWhenListedRevokedAndPurgedThenTheServerAgrees() {
        try (RunningApp app = start()) {
            String agent1a = app.http.signIn("demo\\agent1", "agent1-Secret!").get("access_token").asText();
            String agent1b = app.http.signIn("demo\\agent1", "agent1-Secret!").get("access_token").asText();
            String agent2 = app.http.signIn("demo\\agent2", "agent2-Secret!").get("access_token").asText();
            String acme = app.http.signIn("acme\\agent1", "acme-agent1-Secret!").get("access_token").asText();
            String service = app.http.post("/auth/v3/oauth/token", "grant_type=client_credentials",
                    "Content-Type", "application/x-www-form-urlencoded",
                    "Authorization", HttpTestClient.basic("service", "service-secret")).json().get("access_token").asText();

            CliRunner.Result mine = cli("tokens", "list", "--user", "demo\\AGENT1");
            assertEquals(4, rows(mine).size(), mine::toString);
            assertTrue(rows(mine).stream().allMatch(r -> r.contains("demo\\agent1") && r.endsWith("live")), mine::toString);
            assertTrue(rows(cli("tokens", "list", "--tenant", "acme")).stream().allMatch(r -> r.contains("acme\\agent1")));
            assertEquals(2, rows(cli("tokens", "list", "--tenant", "acme")).size());
            List<String> services = rows(cli("tokens", "list", "--client", "service"));
            assertEquals(1, services.size());
            assertTrue(services.get(0).contains("(client)"), services.get(0));
            assertTrue(!mine.all().contains(agent1a) && !mine.all().contains(agent1b), "a token is never printed");

            assertEquals("4 tokens revoked", cli("tokens", "revoke", "--user", "demo\\agent1").out().strip());
            assertEquals(401, app.http.getWithBearer("/auth/v3/userinfo", agent1a).status());
            assertEquals(401, app.http.getWithBearer("/auth/v3/userinfo", agent1b).status());
            assertEquals(200, app.http.getWithBearer("/auth/v3/userinfo", agent2).status(), "only that user's");

            String agent2Id = rows(cli("tokens", "list", "--user", "demo\\agent2")).get(0).split("\\s+")[0];
            assertEquals("2 tokens revoked", cli("tokens", "revoke", "--id", agent2Id.substring(0, 10)).out().strip());
            assertEquals(401, app.http.getWithBearer("/auth/v3/userinfo", agent2).status());

            assertEquals("1 tokens revoked", cli("tokens", "revoke", "--client", "service").out().strip());
            assertEquals(401, app.http.getWithBearer("/auth/v3/userinfo", service).status());
            assertEquals(200, app.http.getWithBearer("/auth/v3/userinfo", acme).status());
            assertEquals(3, AuditLines.of(dir.resolve("audit.log"), "tokens_revoked").size());

            MutableClock later = new MutableClock(app.clock.instant().plus(Duration.ofDays(31)));
            CliRunner.Result purge = CliRunner.runAt(later, null, "tokens", "purge", "--config", config.toString());
            assertEquals("9 expired tokens deleted", purge.out().strip(), purge::toString);
            assertTrue(rows(cli("tokens", "list", "--all")).isEmpty());
        }
    }

    @Test
    void tokensRevokeWhenIdTooShortOrUnknownThenExit1AndNothingRevoked() {
        try (RunningApp app = start()) {
            String access = app.http.signIn("demo\\agent3", "agent3-Secret!").get("access_token").asText();
            CliRunner.Result tooShort = cli("tokens", "revoke", "--id", "abc");
            assertEquals(1, tooShort.exit(), tooShort::toString);
            assertTrue(tooShort.err().contains("at least 8 hex digits"), tooShort::toString);
            assertEquals(1, cli("tokens", "revoke", "--id", "'; DROP TABLE tokens; --").exit());
            CliRunner.Result unknown = cli("tokens", "revoke", "--id", "00000000000000");
            assertTrue(unknown.exit() == 1 && unknown.err().contains("no token has an id starting with"), unknown::toString);
            assertEquals(200, app.http.getWithBearer("/auth/v3/userinfo", access).status());
        }
    }
}
