package dev.authbridge.directory;

import static dev.authbridge.directory.DemoFixtures.BASE_DN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.authbridge.config.EmbeddedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded directory gives each entry the same {@code entryUUID} at every start: it is the
 * user's {@code sub}, and a restart must not turn everyone into someone new.
 */
class EmbeddedDirectoryServerTest {

    private static final String AGENT1 = "uid=agent1,ou=people,ou=demo," + BASE_DN;
    private static final String ACME_AGENT1 = "uid=agent1,ou=people,ou=acme," + BASE_DN;

    @Test
    void startWhenStartedTwiceThenSameEntryUuid() throws Exception {
        String first;
        try (EmbeddedDirectoryServer server = EmbeddedDirectoryServer.start(DemoFixtures.embedded(0))) {
            first = entryUuid(server, AGENT1);
        }
        String second;
        try (EmbeddedDirectoryServer server = EmbeddedDirectoryServer.start(DemoFixtures.embedded(0))) {
            second = entryUuid(server, AGENT1);
        }

        assertEquals(first, second);
        UUID parsed = UUID.fromString(first);
        assertEquals(first, parsed.toString(), "canonical lower-case form");
        assertEquals(5, parsed.version());
        assertEquals(2, parsed.variant());
    }

    /**
     * Pinned: these are the {@code sub} of signed-in users and the subjects of stored tokens; a
     * new way of computing them would sign everyone out and orphan their tokens. The values
     * are RFC 4122 version 5 UUIDs in the X.500 name space, as other tools compute them.
     */
    @Test
    void startWhenDemoLdifThenEntryUuidIsTheVersion5UuidOfTheDn() throws Exception {
        try (EmbeddedDirectoryServer server = EmbeddedDirectoryServer.start(DemoFixtures.embedded(0))) {
            assertEquals("eaf80c8c-1ace-50f2-9128-bc6381819470", entryUuid(server, AGENT1));
            assertEquals("16c5506e-0670-5c26-b1c9-3d4bcb6aa4b5", entryUuid(server, ACME_AGENT1));
        }
    }

    @Test
    void startWhenManyEntriesThenEachItsOwnEntryUuid() throws Exception {
        try (EmbeddedDirectoryServer server = EmbeddedDirectoryServer.start(DemoFixtures.embedded(0));
                LDAPConnection connection = new LDAPConnection("127.0.0.1", server.port(),
                        DemoFixtures.SERVICE_DN, DemoFixtures.SERVICE_PASSWORD)) {
            List<SearchResultEntry> entries = connection.search(BASE_DN,
                    SearchScope.SUB, "(objectClass=*)", "entryUUID")
                    .getSearchEntries();
            Set<String> ids = new HashSet<>();
            for (SearchResultEntry entry : entries) {
                String id = entry.getAttributeValue("entryUUID");
                assertNotNull(id, entry.getDN());
                UUID.fromString(id);
                ids.add(id);
            }

            assertTrue(entries.size() > 30, "the whole demo tree: " + entries.size());
            assertEquals(entries.size(), ids.size());
            assertNotEquals(entryUuid(server, AGENT1), entryUuid(server, ACME_AGENT1));
        }
    }

    @Test
    void stableEntryUuidWhenDnSpelledDifferentlyThenSameId() throws Exception {
        assertEquals(EmbeddedDirectoryServer.stableEntryUuid(new DN(AGENT1)),
                EmbeddedDirectoryServer.stableEntryUuid(
                        new DN("UID=Agent1, ou=People,OU=demo, dc=Example,dc=COM")));
    }

    @Test
    void startWhenLdifGivesEntryUuidThenKept(@TempDir Path dir) throws Exception {
        Path ldif = dir.resolve("20-given-uuid.ldif");
        Files.writeString(ldif, """
                dn: uid=given,ou=people,ou=demo,dc=example,dc=com
                objectClass: top
                objectClass: person
                objectClass: organizationalPerson
                objectClass: inetOrgPerson
                uid: given
                cn: Gil Given
                sn: Given
                entryUUID: 0b5a3f0e-6c0a-4b8e-9d3c-2f4e1a7b9c10
                userPassword: given-Secret!
                """);
        List<Path> files = new ArrayList<>(DemoFixtures.ldifFiles());
        files.add(ldif);

        try (EmbeddedDirectoryServer server =
                EmbeddedDirectoryServer.start(new EmbeddedConfig(0, BASE_DN, files, DemoFixtures.SERVICE_DN, List.of()))) {
            assertEquals("0b5a3f0e-6c0a-4b8e-9d3c-2f4e1a7b9c10",
                    entryUuid(server, "uid=given,ou=people,ou=demo," + BASE_DN));
        }
    }

    /** Read over LDAP, as authbridge reads it (operational: returned only when asked by name). */
    private static String entryUuid(EmbeddedDirectoryServer server, String dn) throws Exception {
        try (LDAPConnection connection = new LDAPConnection("127.0.0.1", server.port(),
                DemoFixtures.SERVICE_DN, DemoFixtures.SERVICE_PASSWORD)) {
            SearchResultEntry entry = connection.getEntry(dn, "entryUUID");
            assertNotNull(entry, dn);
            String id = entry.getAttributeValue("entryUUID");
            assertNotNull(id, dn);
            return id;
        }
    }
}
