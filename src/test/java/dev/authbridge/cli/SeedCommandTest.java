package dev.authbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.authbridge.directory.EmbeddedDirectoryServer;
import dev.authbridge.testing.ApacheDs;
import dev.authbridge.testing.DemoDirectory;
import dev.authbridge.testing.Slapd;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authbridge seed} against real directories: an empty OpenLDAP and ApacheDS filled from
 * the repository's {@code ldif/}, then left alone by a second run; a drifted directory repaired;
 * {@code --dry-run} writing nothing; a missing schema stopping everything before a write.
 */
class SeedCommandTest {
    private static final int DEMO_ENTRIES = 36;

    @TempDir
    Path dir;

    private Path secret(String value) throws Exception {
        Path file = dir.resolve("bind-password");
        Files.writeString(file, value + "\n");
        return file;
    }

    private CliRunner.Result seed(String url, String bindDn, String password, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("seed", "--url", url, "--bind-dn", bindDn,
                "--bind-password-file", secret(password).toString()));
        args.addAll(List.of(more));
        if (List.of(more).stream().noneMatch(a -> a.endsWith(".ldif"))) {
            DemoDirectory.ldifFiles().forEach(f -> args.add(f.toString()));
        }
        return CliRunner.run(null, args.toArray(String[]::new));
    }

    private static Slapd emptySlapd(Slapd.Options options) {
        return Slapd.start(options.suffix(DemoDirectory.SUFFIX).schema(DemoDirectory.schemaFiles().toArray(Path[]::new)));
    }

    @Test
    void seedWhenOpenLdapEmptyThenLoadedHashedCheckGreenAndSecondRunChangesNothing() throws Exception {
        try (Slapd slapd = emptySlapd(Slapd.options())) {
            CliRunner.Result first = seed(slapd.url(), slapd.rootDn(), slapd.rootPassword());
            assertEquals(0, first.exit(), first::toString);
            assertTrue(first.out().contains(DEMO_ENTRIES + " added, 0 modified, 0 unchanged"), first::toString);
            assertTrue(first.out().contains("note    plaintext passwords: hashed by the server (Password Modify, RFC 3062)"),
                    first::toString);
            assertTrue(first.out().contains("schema of [") && first.out().contains("already on the server"), first::toString);
            try (LDAPConnection root = slapd.connect()) {
                String stored = root.getEntry("uid=agent1,ou=people,ou=demo,dc=example,dc=com", "userPassword")
                        .getAttributeValue("userPassword");
                assertTrue(stored.startsWith("{SSHA}"), "OpenLDAP's own scheme, never the plaintext: " + stored);
            }

            TestConfig config = TestConfig.shipped(dir)
                    .externalDirectory(slapd.url(), Duration.ofSeconds(2), Duration.ofSeconds(5));
            CliRunner.Result check = CliRunner.run("agent1-Secret!\n", "check", "--config",
                    CliRunner.writeConfig(dir, config).toString(), "--user", "demo\\agent1", "--password");
            assertEquals(0, check.exit(), check::toString);
            assertTrue(check.out().contains("all checks passed"), check::toString);

            CliRunner.Result second = seed(slapd.url(), slapd.rootDn(), slapd.rootPassword());
            assertEquals(0, second.exit(), second::toString);
            assertTrue(second.out().contains("0 added, 0 modified, " + DEMO_ENTRIES + " unchanged — no change"), second::toString);
        }
    }

    @Test
    void seedWhenDryRunThenChangesListedAndNothingWritten() throws Exception {
        try (Slapd slapd = emptySlapd(Slapd.options())) {
            CliRunner.Result r = seed(slapd.url(), slapd.rootDn(), slapd.rootPassword(), "--dry-run");
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.out().contains("add     dc=example,dc=com"), r::toString);
            assertTrue(r.out().contains("add     uid=agent1,ou=people,ou=demo,dc=example,dc=com"), r::toString);
            assertTrue(r.out().contains(DEMO_ENTRIES + " added") && r.out().contains("(dry run: nothing written)"), r::toString);
            try (LDAPConnection root = slapd.connect()) {
                assertNull(root.getEntry("dc=example,dc=com"), "a dry run writes nothing");
            }
        }
    }

    @Test
    void seedWhenSchemaMissingThenNothingWrittenAndFixNamesTheFile() throws Exception {
        try (Slapd slapd = Slapd.start(Slapd.options().suffix(DemoDirectory.SUFFIX))) {
            CliRunner.Result r = seed(slapd.url(), slapd.rootDn(), slapd.rootPassword());
            assertEquals(1, r.exit(), r::toString);
            assertTrue(r.err().contains("schema: attribute type authbridgePrivilege"), r::toString);
            assertTrue(r.err().contains("— fix: load " + DemoDirectory.schemaFiles().get(0)), r::toString);
            try (LDAPConnection root = slapd.connect()) {
                assertNull(root.getEntry("dc=example,dc=com"), "nothing is written when the schema is missing");
            }
        }
    }

    @Test
    void seedWhenHashSsha512AndServerCannotVerifyThenProblemNamesTheModule() throws Exception {
        try (Slapd slapd = emptySlapd(Slapd.options())) {
            CliRunner.Result r = seed(slapd.url(), slapd.rootDn(), slapd.rootPassword(), "--hash", "ssha512");
            assertEquals(1, r.exit(), r::toString);
            assertTrue(r.err().contains("does not accept the password just stored as ssha512 — fix: use --hash server"), r::toString);
            assertTrue(r.err().contains("pw-sha2"), r::toString);
        }
        try (Slapd slapd = emptySlapd(Slapd.options().module("pw-sha2"))) {
            CliRunner.Result r = seed(slapd.url(), slapd.rootDn(), slapd.rootPassword(), "--hash", "ssha512");
            assertEquals(0, r.exit(), r::toString);
            try (LDAPConnection root = slapd.connect()) {
                assertTrue(root.getEntry("uid=admin,ou=people,dc=example,dc=com", "userPassword")
                        .getAttributeValue("userPassword").startsWith("{SSHA512}"));
            }
            CliRunner.Result again = seed(slapd.url(), slapd.rootDn(), slapd.rootPassword(), "--hash", "ssha512");
            assertTrue(again.out().contains("— no change"), "a salted hash in place is verified, not rewritten: " + again);
        }
    }

    @Test
    void seedWhenApacheDsEmptyThenLoadedAndSecondRunChangesNothing() throws Exception {
        try (ApacheDs ds = ApacheDs.start()) {
            ds.addSchema(DemoDirectory.schemaFiles());
            CliRunner.Result first = seed(ds.url(), ApacheDs.ADMIN_DN, ApacheDs.ADMIN_PASSWORD);
            assertEquals(0, first.exit(), first::toString);
            assertTrue(first.out().contains(DEMO_ENTRIES + " added"), first::toString);
            try (LDAPConnection user = new LDAPConnection("127.0.0.1", Integer.parseInt(ds.url().replaceAll(".*:", "")))) {
                user.bind("uid=supervisor1,ou=people,ou=demo,dc=example,dc=com", "supervisor1-Secret!");
            }
            CliRunner.Result second = seed(ds.url(), ApacheDs.ADMIN_DN, ApacheDs.ADMIN_PASSWORD);
            assertEquals(0, second.exit(), second::toString);
            assertTrue(second.out().contains("0 added, 0 modified, " + DEMO_ENTRIES + " unchanged — no change"), second::toString);
        }
    }

    @Test
    void seedWhenEmbeddedDirectoryDriftedThenRepairedAndReplaceRemovesWhatTheLdifLacks() throws Exception {
        try (EmbeddedDirectoryServer server = EmbeddedDirectoryServer.start(
                DemoDirectory.embedded(0, DemoDirectory.ADMIN_DN))) {
            String adminDn = "uid=admin,ou=people,dc=example,dc=com";
            String agent1 = "uid=agent1,ou=people,ou=demo,dc=example,dc=com";
            String agent2 = "uid=agent2,ou=people,ou=demo,dc=example,dc=com";
            CliRunner.Result same = seed(server.ldapUrl(), adminDn, "admin-Secret!");
            assertEquals(0, same.exit(), same::toString);
            assertTrue(same.out().contains("— no change"), "the LDIF it was loaded from: " + same);

            server.server().modify(agent1, new Modification(ModificationType.REPLACE, "title", "Intruder"),
                    new Modification(ModificationType.REPLACE, "userPassword", "changed-Secret!"));
            server.server().modify(agent2, new Modification(ModificationType.ADD, "description", "added by hand"));
            server.server().delete("uid=agent8,ou=people,ou=demo,dc=example,dc=com");

            CliRunner.Result repair = seed(server.ldapUrl(), adminDn, "admin-Secret!");
            assertEquals(0, repair.exit(), repair::toString);
            assertTrue(repair.out().contains("modify  " + agent1 + ": title, userPassword"), repair::toString);
            assertTrue(repair.out().contains("add     uid=agent8,ou=people,ou=demo,dc=example,dc=com"), repair::toString);
            assertTrue(repair.out().contains("1 added, 1 modified"), "agent2's extra attribute is kept: " + repair);
            try (LDAPConnection c = new LDAPConnection("127.0.0.1", server.port())) {
                c.bind(agent1, "agent1-Secret!");
                c.bind("uid=agent8,ou=people,ou=demo,dc=example,dc=com", "agent8-Secret!");
            }

            CliRunner.Result replace = seed(server.ldapUrl(), adminDn, "admin-Secret!", "--replace");
            assertTrue(replace.out().contains("modify  " + agent2 + ": description"), replace::toString);
            assertTrue(replace.out().contains("0 added, 1 modified"), replace::toString);
            assertNull(server.server().getEntry(agent2).getAttribute("description"));
            assertTrue(seed(server.ldapUrl(), adminDn, "admin-Secret!", "--replace").out().contains("— no change"));
        }
    }

    @Test
    void seedWhenParentMissingThenPlainContainerCreatedFirst() throws Exception {
        Path ldif = dir.resolve("extra.ldif");
        Files.writeString(ldif, """
                dn: uid=newcomer,ou=night,ou=people,ou=demo,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: newcomer
                cn: New Comer
                sn: Comer
                userPassword: newcomer-Secret!
                """);
        try (EmbeddedDirectoryServer server = EmbeddedDirectoryServer.start(
                DemoDirectory.embedded(0, DemoDirectory.ADMIN_DN))) {
            CliRunner.Result r = seed(server.ldapUrl(), "uid=admin,ou=people,dc=example,dc=com", "admin-Secret!",
                    ldif.toString());
            assertEquals(0, r.exit(), r::toString);
            String out = r.out();
            assertTrue(out.indexOf("add     ou=night,ou=people,ou=demo,dc=example,dc=com (parent, not in the LDIF)")
                    < out.indexOf("add     uid=newcomer"), out);
            assertEquals("organizationalUnit", server.server().getEntry("ou=night,ou=people,ou=demo,dc=example,dc=com")
                    .getObjectClassValues()[1]);
        }
    }

    @Test
    void seedWhenEmbeddedConfigAndNoUrlThenExit2WithAdvice() {
        CliRunner.Result r = CliRunner.run(null, "seed", "--config",
                CliRunner.writeConfig(dir, TestConfig.shipped(dir)).toString(),
                DemoDirectory.dataFiles().get(0).toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("pass --url"), r::toString);
    }

    @Test
    void seedWhenTlsFlagsWithoutUrlThenExit2() {
        CliRunner.Result r = CliRunner.run(null, "seed", "--tls", "ldaps", DemoDirectory.dataFiles().get(0).toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("--tls and --trust-store go with --url"), r::toString);
    }

    @Test
    void seedWhenFileMissingOrChangeRecordThenRefused() throws Exception {
        assertEquals(2, CliRunner.run(null, "seed", "--url", "ldap://127.0.0.1:1", dir.resolve("nope.ldif").toString()).exit());
        Path modify = dir.resolve("modify.ldif");
        Files.writeString(modify, "dn: uid=agent1,ou=people,ou=demo,dc=example,dc=com\nchangetype: delete\n");
        try (EmbeddedDirectoryServer server = EmbeddedDirectoryServer.start(
                DemoDirectory.embedded(0, DemoDirectory.ADMIN_DN))) {
            CliRunner.Result r = seed(server.ldapUrl(), "uid=admin,ou=people,dc=example,dc=com", "admin-Secret!",
                    modify.toString());
            assertEquals(1, r.exit(), r::toString);
            assertTrue(r.err().contains("is a 'delete' change record; seed loads entries — fix: apply change records with ldapmodify"),
                    r::toString);
            assertTrue(server.server().getEntry("uid=agent1,ou=people,ou=demo,dc=example,dc=com") != null);
        }
    }
}
