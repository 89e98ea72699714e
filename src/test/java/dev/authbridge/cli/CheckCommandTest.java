package dev.authbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authbridge.testing.ApacheDs;
import dev.authbridge.testing.DemoDirectory;
import dev.authbridge.testing.RunningApp;
import java.net.ServerSocket;
import java.nio.file.Path;
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
        return CliRunner.writeConfig(dir, RunningApp.shippedConfig(dir));
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
        String yaml = RunningApp.shippedConfig(dir).replace("${AUTHBRIDGE_BIND_PASSWORD:-authbridge-service-Secret!}", "wrong");
        CliRunner.Result r = CliRunner.run(null, "check", "--config", CliRunner.writeConfig(dir, yaml).toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("cannot bind (invalid credentials) — fix: check directory.bindDn and directory.bindPassword"),
                r::toString);
        assertFalse(r.out().contains("tenant demo"), "no survey without a working connection: " + r);
    }

    @Test
    void checkWhenNoDirectoryListensThenCannotConnectWithFix() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String yaml = RunningApp.externalDirectoryConfig(dir, "1s", "2s", "ldap://127.0.0.1:" + closed);
        CliRunner.Result r = CliRunner.run(null, "check", "--config", CliRunner.writeConfig(dir, yaml).toString());
        assertEquals(1, r.exit(), r::toString);
        List<String> fails = lines(r.out(), "FAIL");
        assertEquals(1, fails.size(), r::toString);
        assertTrue(fails.get(0).startsWith("FAIL  ldap://127.0.0.1:" + closed + ": cannot connect"), r::toString);
        assertTrue(fails.get(0).contains("— fix: check the host name and port"), r::toString);
    }

    @Test
    void checkWhenTenantSubtreeMissingThenFailNamesTheSetting() {
        String yaml = RunningApp.shippedConfig(dir).replace("usersBaseDn: ou=people,ou=acme,dc=example,dc=com",
                "usersBaseDn: ou=nobody,ou=acme,dc=example,dc=com");
        CliRunner.Result r = CliRunner.run(null, "check", "--config", CliRunner.writeConfig(dir, yaml).toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("FAIL  tenant acme (695bf0a2-3dde-4819-9c37-8087ba432a16): "
                + "ou=nobody,ou=acme,dc=example,dc=com does not exist — fix: create it, or correct tenants[1].usersBaseDn"),
                r::toString);
        assertTrue(r.out().contains("ok    tenant demo"), "the other tenant is still checked: " + r);
    }

    @Test
    void checkWhenConfigurationInvalidThenExit2AndProblemsListed() {
        CliRunner.Result r = CliRunner.run(null, "check", "--config",
                CliRunner.writeConfig(dir, RunningApp.shippedConfig(dir) + "lockout:\n  window: soon\n").toString());
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
            String yaml = RunningApp.externalDirectoryConfig(dir, "2s", "5s", slapd.url());
            CliRunner.Result r = CliRunner.run("supervisor1-Secret!\n", "check", "--config",
                    CliRunner.writeConfig(dir, yaml).toString(), "--user", "demo\\supervisor1", "--password");
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
            String yaml = RunningApp.externalDirectoryConfig(dir, "2s", "5s", ds.url());
            CliRunner.Result r = CliRunner.run("acme-agent1-Secret!\n", "check", "--config",
                    CliRunner.writeConfig(dir, yaml).toString(), "--user", "acme\\agent1", "--password");
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.out().contains("server Apache Software Foundation"), r::toString);
            assertTrue(r.out().contains("tenant acme (695bf0a2-3dde-4819-9c37-8087ba432a16): 6 users, 3 groups"), r::toString);
            assertTrue(r.out().contains("password accepted"), r::toString);
        }
    }
}
