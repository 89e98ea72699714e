package dev.authbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authbridge.config.Secret;
import dev.authbridge.testing.ApacheDs;
import dev.authbridge.testing.ClosedPort;
import dev.authbridge.testing.ConfigYaml;
import dev.authbridge.testing.DemoDirectory;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authbridge check}, the directory doctor: all green on a healthy directory (the embedded
 * demo one, ApacheDS), and one FAIL line with its fix for each kind of problem, exit 1.
 */
class CheckCommandTest {
    @TempDir
    Path dir;

    private Path demoConfig() {
        return CliRunner.writeConfig(dir, TestConfig.shipped(dir));
    }

    private static List<String> lines(String text, String prefix) {
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(prefix)).toList();
    }

    @Test
    void checkWhenDemoDirectoryThenEveryCheckGreenAndExit0() {
        CliRunner.Result r = CliRunner.run(null, "check", "--config", demoConfig().toString());
        assertEquals(0, r.exit(), r::toString);
        assertTrue(lines(r.out(), "FAIL").isEmpty() && lines(r.out(), "WARN").isEmpty(), r::toString);
        assertTrue(r.out().contains(": bound as cn=authbridge,ou=system,dc=example,dc=com"), r::toString);
        assertTrue(r.out().contains("password modify (RFC 3062): yes"), r::toString);
        assertTrue(r.out().contains("Active Directory: no"), r::toString);
        // ldif/USERS.md: 10 users and 2 role groups in demo, 6 users and 3 groups in acme, 2 + 2 outside.
        assertTrue(r.out().contains("tenant demo (f91397f1-6bf6-4fcd-8623-4c4efd81e152): 10 users, 2 groups"), r::toString);
        assertTrue(r.out().contains("tenant acme (695bf0a2-3dde-4819-9c37-8087ba432a16): 6 users, 3 groups"), r::toString);
        assertTrue(r.out().contains("outside every tenant: 2 users, 2 groups"), r::toString);
        assertTrue(r.out().strip().endsWith("all checks passed"), r::toString);
    }

    @Test
    void checkWhenUserAndRightPasswordThenUserinfoShownAndPasswordAccepted() throws Exception {
        CliRunner.Result r = CliRunner.run("agent1-Secret!\n", "check", "--config", demoConfig().toString(),
                "--user", "demo\\agent1", "--password");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("ok    user demo\\agent1: password accepted"), r::toString);
        String json = r.out().substring(r.out().indexOf('{'), r.out().lastIndexOf('}') + 1);
        JsonNode userinfo = new ObjectMapper().readTree(json);
        assertEquals("agent1", userinfo.get("loginName").asText());
        assertEquals(1001, userinfo.get("dbid").asInt());
        assertEquals("f91397f1-6bf6-4fcd-8623-4c4efd81e152:1001:agent1", userinfo.get("username").asText());
        assertEquals("ROLE_AGENTS", userinfo.get("authorities").get(0).get("name").asText());
        assertFalse(r.all().contains("agent1-Secret!"), "the password is never printed");
    }

    @Test
    void checkWhenUserWithoutPasswordThenUserinfoOnly() {
        CliRunner.Result r = CliRunner.run(null, "check", "--config", demoConfig().toString(), "--user", "\\admin");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("\"loginName\" : \"admin\""), r::toString);
        assertFalse(r.out().contains("password accepted"), r::toString);
    }

    @Test
    void checkWhenWrongPasswordThenFailLineWithFixAndExit1() {
        CliRunner.Result r = CliRunner.run("not-the-password\n", "check", "--config", demoConfig().toString(),
                "--user", "demo\\agent1", "--password");
        assertEquals(1, r.exit(), r::toString);
        List<String> fails = lines(r.out(), "FAIL");
        assertEquals(1, fails.size(), r::toString);
        assertTrue(fails.get(0).startsWith("FAIL  user demo\\agent1: password refused") && fails.get(0).contains(" — fix: "),
                r::toString);
    }

    @Test
    void checkWhenUnknownUserOrTenantThenFailWithFix() {
        CliRunner.Result unknown = CliRunner.run(null, "check", "--config", demoConfig().toString(), "--user", "demo\\nobody");
        assertEquals(1, unknown.exit(), unknown::toString);
        assertTrue(unknown.out().contains("FAIL  user demo\\nobody: no entry with uid=nobody"), unknown::toString);
        CliRunner.Result tenant = CliRunner.run(null, "check", "--config", demoConfig().toString(), "--user", "mars\\agent1");
        assertEquals(1, tenant.exit(), tenant::toString);
        assertTrue(tenant.out().contains("no tenant has the domain 'mars' — fix: "), tenant::toString);
    }

    @Test
    void checkWhenServiceAccountPasswordWrongThenFailWithFix() {
        TestConfig config = TestConfig.shipped(dir).withDirectory(d -> d.withBindPassword(new Secret("wrong")));
        CliRunner.Result r = CliRunner.run(null, "check", "--config", CliRunner.writeConfig(dir, config).toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("cannot bind (invalid credentials) — fix: check directory.bindDn and directory.bindPassword"),
                r::toString);
        assertFalse(r.out().contains("tenant demo"), "no survey without a working connection: " + r);
    }

    @Test
    void checkWhenNoDirectoryListensThenCannotConnectWithFix() {
        try (ClosedPort closed = ClosedPort.reserve()) {
            TestConfig config = TestConfig.shipped(dir)
                    .externalDirectory(closed.ldapUrl(), Duration.ofSeconds(1), Duration.ofSeconds(2));
            Path file = CliRunner.writeConfig(dir, config);
            CliRunner.Result r = CliRunner.run(null, "check", "--config", file.toString());
            assertEquals(1, r.exit(), r::toString);
            List<String> fails = lines(r.out(), "FAIL");
            assertEquals(1, fails.size(), r::toString);
            assertTrue(fails.get(0).startsWith("FAIL  " + closed.ldapUrl() + ": cannot connect"), r::toString);
            assertTrue(fails.get(0).contains("— fix: check the host name and port"), r::toString);
        }
    }

    @Test
    void checkWhenTenantSubtreeMissingThenFailNamesTheSetting() {
        TestConfig config = TestConfig.shipped(dir)
                .withTenant("acme", t -> t.withUsersBaseDn("ou=nobody,ou=acme,dc=example,dc=com"));
        CliRunner.Result r = CliRunner.run(null, "check", "--config", CliRunner.writeConfig(dir, config).toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("FAIL  tenant acme (695bf0a2-3dde-4819-9c37-8087ba432a16): "
                + "ou=nobody,ou=acme,dc=example,dc=com does not exist — fix: create it, or correct tenants[1].usersBaseDn"),
                r::toString);
        assertTrue(r.out().contains("ok    tenant demo"), "the other tenant is still checked: " + r);
    }

    @Test
    void checkWhenConfigurationInvalidThenExit2AndProblemsListed() {
        ObjectNode yaml = ConfigYaml.tree(TestConfig.shipped(dir).build());
        ((ObjectNode) yaml.get("lockout")).put("window", "soon");
        CliRunner.Result r = CliRunner.run(null, "check", "--config",
                CliRunner.writeConfig(dir, ConfigYaml.write(yaml)).toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("lockout.window: 'soon' is not a duration"), r::toString);
    }

    @Test
    void checkWhenPasswordWithoutUserThenExit2() {
        assertEquals(2, CliRunner.run("x\n", "check", "--config", demoConfig().toString(), "--password").exit());
    }

    @Test
    void checkAgainstOpenLdapThenGreen() {
        try (var slapd = DemoDirectory.start()) {
            TestConfig config = TestConfig.shipped(dir)
                    .externalDirectory(slapd.url(), Duration.ofSeconds(2), Duration.ofSeconds(5));
            CliRunner.Result r = CliRunner.run("supervisor1-Secret!\n", "check", "--config",
                    CliRunner.writeConfig(dir, config).toString(), "--user", "demo\\supervisor1", "--password");
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.out().contains("server OpenLDAP"), r::toString);
            assertTrue(r.out().contains("tenant demo (f91397f1-6bf6-4fcd-8623-4c4efd81e152): 10 users, 2 groups"), r::toString);
            assertTrue(r.out().contains("\"name\" : \"ROLE_SUPERVISORS\""), r::toString);
        }
    }

    @Test
    void checkAgainstApacheDsThenGreen() throws Exception {
        try (ApacheDs ds = ApacheDs.start()) {
            ds.addSchema(DemoDirectory.schemaFiles());
            ds.load(DemoDirectory.dataFiles());
            TestConfig config = TestConfig.shipped(dir)
                    .externalDirectory(ds.url(), Duration.ofSeconds(2), Duration.ofSeconds(5));
            CliRunner.Result r = CliRunner.run("acme-agent1-Secret!\n", "check", "--config",
                    CliRunner.writeConfig(dir, config).toString(), "--user", "acme\\agent1", "--password");
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.out().contains("server Apache Software Foundation"), r::toString);
            assertTrue(r.out().contains("tenant acme (695bf0a2-3dde-4819-9c37-8087ba432a16): 6 users, 3 groups"), r::toString);
            assertTrue(r.out().contains("password accepted"), r::toString);
        }
    }
}
