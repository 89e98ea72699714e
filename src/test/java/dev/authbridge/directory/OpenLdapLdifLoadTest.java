package dev.authbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldif.LDIFReader;
import dev.authbridge.testing.DemoDirectory;
import dev.authbridge.testing.Slapd;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo LDIF (ldif/) loads into a stock OpenLDAP slapd and its users can bind. */
class OpenLdapLdifLoadTest {

    static Slapd slapd;

    @BeforeAll
    static void startSlapd() {
        slapd = DemoDirectory.start();
    }

    @AfterAll
    static void stopSlapd() {
        if (slapd != null) {
            slapd.stop();
        }
    }

    static List<Entry> demoEntries() throws Exception {
        List<Entry> entries = new ArrayList<>();
        for (Path file : DemoDirectory.dataFiles()) {
            try (LDIFReader reader = new LDIFReader(file.toFile())) {
                for (Entry entry = reader.readEntry(); entry != null; entry = reader.readEntry()) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }

    @Test
    void everyDemoEntryIsThereWithAnEntryUuid() throws Exception {
        List<Entry> expected = demoEntries();
        assertFalse(expected.isEmpty());
        try (LDAPConnection root = slapd.connect()) {
            Set<String> uuids = new HashSet<>();
            for (Entry entry : expected) {
                SearchResultEntry actual = root.getEntry(entry.getDN(), "*", "entryUUID");
                assertNotNull(actual, "missing in slapd: " + entry.getDN());
                String uuid = actual.getAttributeValue("entryUUID");
                assertNotNull(uuid, "no entryUUID on " + entry.getDN());
                assertTrue(uuids.add(uuid), "duplicate entryUUID " + uuid);
            }
        }
    }

    @Test
    void demoAgentBindsWithPlaintextPassword() throws Exception {
        String dn = "uid=agent1,ou=people,ou=demo," + DemoDirectory.SUFFIX;
        try (LDAPConnection agent = slapd.connect(dn, "agent1-Secret!")) {
            SearchResultEntry self = agent.getEntry(dn, "uid", "mail", "employeeNumber", "entryUUID");
            assertEquals("agent1", self.getAttributeValue("uid"));
            assertEquals("1001", self.getAttributeValue("employeeNumber"));
            assertNotNull(self.getAttributeValue("entryUUID"));
        }
        LDAPException wrong = assertThrows(LDAPException.class, () -> slapd.connect(dn, "agent2-Secret!"));
        assertEquals(ResultCode.INVALID_CREDENTIALS, wrong.getResultCode());
    }

    @Test
    void everyDemoPasswordBinds() throws Exception {
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
    void serviceAccountSearchesUsersAndRoleGroupsButNotPasswords() throws Exception {
        try (LDAPConnection service = slapd.connect(
                "cn=authbridge,ou=system," + DemoDirectory.SUFFIX, "authbridge-service-Secret!")) {
            SearchResult agents = service.search("ou=people,ou=demo," + DemoDirectory.SUFFIX,
                    SearchScope.SUB, "(&(objectClass=inetOrgPerson)(uid=agent1))", "*", "entryUUID");
            assertEquals(1, agents.getEntryCount());
            SearchResultEntry agent1 = agents.getSearchEntries().get(0);
            assertNotNull(agent1.getAttributeValue("entryUUID"));
            assertFalse(agent1.hasAttribute("userPassword"), "userPassword readable by service");

            // the authbridge schema file is live in slapd: its attribute is searchable
            SearchResult groups = service.search("ou=demo," + DemoDirectory.SUFFIX, SearchScope.SUB,
                    "(&(objectClass=authbridgeRoleGroup)(member=" + agent1.getDN() + "))",
                    "cn", "authbridgePrivilege");
            assertEquals(1, groups.getEntryCount());
            assertEquals("agents", groups.getSearchEntries().get(0).getAttributeValue("cn"));
            assertTrue(groups.getSearchEntries().get(0).getAttributeValues("authbridgePrivilege")
                    .length > 0);
        }
    }
}
