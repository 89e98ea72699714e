package dev.authbridge.cli;

import static dev.authbridge.authorize.BrowserClients.DEMO_REDIRECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.authorize.SignInClient;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.PostgresStores;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authbridge store copy}: a running SQLite installation's live state moved into PostgreSQL,
 * where an authbridge then accepts everything it had handed out; idempotent; a foreign target
 * refused unless {@code --force}.
 */
class StoreCopyCommandTest {
    private static final String PASSWORD_VAR = "PG_TARGET_PASSWORD";
    private static final String DEMO = SignInClient.authorize("client_id", "demo-client", "response_type", "code",
            "redirect_uri", DEMO_REDIRECT);

    @TempDir
    Path dir;

    private CliRunner.Result copy(Path config, PostgresStores target, String... extra) {
        List<String> args = new ArrayList<>(List.of("store", "copy", "--config", config.toString(),
                "--to", target.server().url(target.database()), "--user", target.server().user(),
                "--password-env", PASSWORD_VAR, "--ssl-mode", "disable"));
        args.addAll(List.of(extra));
        return CliRunner.runWith(Clock.systemUTC(), Map.of(PASSWORD_VAR, target.server().password()), null,
                args.toArray(String[]::new));
    }

    private static List<String> kids(RunningApp app) {
        JsonNode keys = app.http.get("/auth/v3/jwks").json().get("keys");
        return StreamSupport.stream(keys.spliterator(), false).map(k -> k.get("kid").asText()).sorted().toList();
    }

    @Test
    void copyWhenSqliteInstallationHasLiveStateThenPostgresInstanceAcceptsAllOfIt() {
        PostgresStores target = PostgresStores.create("copy_target");
        TestConfig sqliteConfig = TestConfig.shipped(dir);
        Path config = CliRunner.writeConfig(dir, sqliteConfig);
        JsonNode tokens;
        SignInClient browser;
        List<String> kids;
        CliRunner.Result first;
        String clientSecret;
        try (RunningApp sqlite = RunningApp.start(sqliteConfig)) {
            tokens = sqlite.http.signIn("demo\\agent1", "agent1-Secret!");
            clientSecret = sqlite.http.post("/auth/v3/ops/clients",
                    "{\"data\": {\"client_id\": \"copied\", \"authorizedGrantTypes\": [\"client_credentials\"]}}",
                    "Authorization", HttpTestClient.basic("ops", "demo-ops-password"), "Content-Type", "application/json")
                    .json().path("data").path("client_secret").asText();
            browser = new SignInClient(sqlite.baseUrl());
            browser.signIn(DEMO, "agent5", "agent5-Secret!");
            for (int i = 0; i < 10; i++) {
                sqlite.http.token("grant_type", "password", "username", "demo\\agent2", "password", "wrong-" + i);
            }
            assertEquals(400, sqlite.http.token("grant_type", "password", "username", "demo\\agent2",
                    "password", "agent2-Secret!").status(), "locked on SQLite");
            kids = kids(sqlite);

            first = copy(config, target);
        }

        assertEquals(0, first.exit(), first::toString);
        assertTrue(first.out().matches("(?s).*tokens\\s+2\\s+2\\s+0.*"), first.out());
        assertTrue(first.out().matches("(?s).*signing_keys\\s+2\\s+2\\s+0.*"), first.out());
        assertTrue(first.out().matches("(?s).*browser_sessions\\s+1\\s+1\\s+0.*"), first.out());
        assertTrue(first.out().matches("(?s).*lockouts\\s+1\\s+1\\s+0.*"), first.out());
        assertTrue(first.out().matches("(?s).*secrets\\s+2\\s+2\\s+0.*"), first.out());
        assertTrue(first.out().matches("(?s).*clients\\s+1\\s+1\\s+0.*"), first.out());
        assertTrue(first.out().contains("in one transaction"), first.out());
        assertFalse(first.all().contains(target.server().password()));

        CliRunner.Result again = copy(config, target);
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.out().contains("nothing new to copy"), again.out());

        try (RunningApp pg = RunningApp.start(target.demoConfig(dir.resolve("pg")))) {
            assertEquals(200, pg.http.getWithBearer("/auth/v3/userinfo", tokens.get("access_token").asText()).status());
            HttpTestClient.Response refreshed = pg.http.token("grant_type", "refresh_token",
                    "refresh_token", tokens.get("refresh_token").asText());
            assertEquals(200, refreshed.status(), refreshed.body());
            SignInClient sameBrowser = new SignInClient(pg.baseUrl());
            sameBrowser.cookies().putAll(browser.cookies());
            assertEquals(302, sameBrowser.get(DEMO).status(), "single sign-on by the session cookie");
            HttpTestClient.Response locked = pg.http.token("grant_type", "password", "username", "demo\\agent2",
                    "password", "agent2-Secret!");
            assertEquals(400, locked.status(), "the locked account stays locked: " + locked.body());
            assertEquals(kids, kids(pg), "the same published keys");
            assertEquals(200, pg.http.post("/auth/v3/oauth/token", "grant_type=client_credentials",
                    "Content-Type", "application/x-www-form-urlencoded",
                    "Authorization", HttpTestClient.basic("copied", clientSecret)).status(), "the registered client came along");
        }
    }

    @Test
    void copyWhenTargetHoldsOtherRowsThenRefusedUnlessForced() throws Exception {
        PostgresStores target = PostgresStores.create("copy_foreign");
        TestConfig sqliteConfig = TestConfig.shipped(dir);
        Path config = CliRunner.writeConfig(dir, sqliteConfig);
        try (RunningApp sqlite = RunningApp.start(sqliteConfig)) {
            sqlite.http.signIn("demo\\agent1", "agent1-Secret!");
        }
        try (RunningApp other = RunningApp.start(target.demoConfig(dir.resolve("other")))) {
            other.http.signIn("demo\\agent3", "agent3-Secret!");
        }

        CliRunner.Result refused = copy(config, target);

        assertEquals(1, refused.exit(), refused::toString);
        assertTrue(refused.err().contains("is not empty"), refused.err());
        assertEquals(2, tokenRows(target), "nothing copied");

        CliRunner.Result forced = copy(config, target, "--force");

        assertEquals(0, forced.exit(), forced::toString);
        assertEquals(4, tokenRows(target));
        assertTrue(forced.out().matches("(?s).*signing_keys\\s+2\\s+0\\s+0.*"),
                "the target's own keys stay; the source's are not forced in beside them: " + forced.out());
    }

    @Test
    void copyWhenPasswordVariableUnsetOrUrlBadThenUsageError() {
        Path config = CliRunner.writeConfig(dir, TestConfig.shipped(dir));

        CliRunner.Result unset = CliRunner.run(null, "store", "copy", "--config", config.toString(),
                "--to", "postgresql://127.0.0.1:1/x", "--user", "u", "--password-env", "NOT_SET_ANYWHERE");
        assertEquals(2, unset.exit(), unset::toString);
        assertTrue(unset.err().contains("NOT_SET_ANYWHERE is not set"), unset.err());

        CliRunner.Result bad = CliRunner.runWith(Clock.systemUTC(), Map.of("PW", "x"), null, "store", "copy",
                "--config", config.toString(), "--to", "mysql://db/x", "--user", "u", "--password-env", "PW");
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("store.url: 'mysql://db/x' is not a PostgreSQL URL"), bad.err());
    }

    private static int tokenRows(PostgresStores target) throws Exception {
        try (Connection c = target.server().connectAsSuperuser(target.database()); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT COUNT(*) FROM tokens");
            rs.next();
            return rs.getInt(1);
        }
    }
}
