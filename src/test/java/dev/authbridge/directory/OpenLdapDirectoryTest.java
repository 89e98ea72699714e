package dev.authbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldif.LDIFReader;
import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.testing.DemoDirectory;
import dev.authbridge.testing.Slapd;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The directory contract against a stock OpenLDAP (Debian's slapd, a private instance: see
 * {@link Slapd}), loaded the way an operator would: {@code ldif/00-authbridge-schema.ldif} into
 * cn=config (core, cosine, inetorgperson and nis beside it), the demo entries added over LDAP.
 * Also proves every demo entry loads as written and every demo password binds.
 */
class OpenLdapDirectoryTest extends DirectoryContract {

    private Slapd slapd;

    @Override
    protected DirectoryConfig startDirectory() {
        slapd = DemoDirectory.start(Slapd.options(), DemoFixtures.ldifFiles());
        return DemoFixtures.config(slapd.url());
    }

    @Override
    protected void stopDirectory() {
        if (slapd != null) {
            slapd.stop();
        }
    }

    @Override
    protected void stopListening() {
        slapd.stopServer();
    }

    @Override
    protected void resumeListening() {
        slapd.restartServer();
    }

    private static List<Entry> demoEntries() throws Exception {
        List<Entry> entries = new ArrayList<>();
        for (Path file : DemoFixtures.ldifFiles()) {
            try (LDIFReader reader = new LDIFReader(file.toFile())) {
                for (Entry entry = reader.readEntry(); entry != null; entry = reader.readEntry()) {
                    if (!entry.getParsedDN().isDescendantOf("cn=config", false)) {
                        entries.add(entry);
                    }
                }
            }
        }
        return entries;
    }

    @Test
    void loadWhenDemoLdifThenEveryEntryThereWithItsOwnEntryUuid() throws Exception {
        List<Entry> expected = demoEntries();
        assertTrue(expected.size() > 20, "demo entries: " + expected.size());
        try (LDAPConnection root = slapd.connect()) {
            Set<String> uuids = new HashSet<>();
            for (Entry entry : expected) {
                SearchResultEntry actual = root.getEntry(entry.getDN(), "*", "entryUUID");
                assertNotNull(actual, "missing in slapd: " + entry.getDN());
                for (String attribute : List.of("uid", "mail", "employeeNumber", "member",
                        "authbridgePrivilege")) {
                    assertEquals(Set.of(values(entry, attribute)), Set.of(values(actual, attribute)),
                            entry.getDN() + " " + attribute);
                }
                String uuid = actual.getAttributeValue("entryUUID");
                assertNotNull(uuid, "no entryUUID on " + entry.getDN());
                assertTrue(uuids.add(uuid), "duplicate entryUUID " + uuid);
            }
        }
    }

    private static String[] values(Entry entry, String attribute) {
        String[] values = entry.getAttributeValues(attribute);
        return values == null ? new String[0] : values;
    }

    @Test
    void bindWhenAnyDemoUserAndPlaintextPasswordThenAccepted() throws Exception {
        int users = 0;
        for (Entry entry : demoEntries()) {
            String password = entry.getAttributeValue("userPassword");
            if (password != null) {
                try (LDAPConnection ignored = slapd.connect(entry.getDN(), password)) {
                    users++;
                } catch (LDAPException e) {
                    throw new AssertionError(entry.getDN() + " cannot bind: " + e.getMessage(), e);
                }
            }
        }
        assertTrue(users > 10, "users with passwords: " + users);
    }

    @Test
    void searchWhenServiceAccountThenNoPasswordValues() throws Exception {
        try (LDAPConnection service = slapd.connect(DemoFixtures.SERVICE_DN,
                DemoFixtures.SERVICE_PASSWORD)) {
            SearchResultEntry agent1 = service.getEntry(AGENT1_DN, "*", "+");
            assertNotNull(agent1.getAttributeValue("entryUUID"));
            assertFalse(agent1.hasAttribute("userPassword"));
        }
    }
}
