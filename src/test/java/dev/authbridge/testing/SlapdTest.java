package dev.authbridge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: config, modules/overlays, LDIF loading, binds, clean stop. */
class SlapdTest {

    @TempDir Path tmp;

    @Test
    void startsLoadsBindsAndStopsCleanly() throws Exception {
        Path schema = tmp.resolve("schema.ldif");
        Files.writeString(schema, """
                dn: cn=slapdtest,cn=schema,cn=config
                changetype: add
                objectClass: olcSchemaConfig
                cn: slapdtest
                olcAttributeTypes: ( 1.3.6.1.4.1.99999.1.1 NAME 'slapdTestFlag'
                  EQUALITY caseIgnoreMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
                olcObjectClasses: ( 1.3.6.1.4.1.99999.2.1 NAME 'slapdTestUser' SUP top
                  AUXILIARY MAY slapdTestFlag )
                """);
        Path data = tmp.resolve("data.ldif");
        Files.writeString(data, """
                dn: dc=test,dc=invalid
                objectClass: dcObject
                objectClass: organization
                dc: test
                o: test

                dn: ou=people,dc=test,dc=invalid
                objectClass: organizationalUnit
                ou: people

                dn: uid=alice,ou=people,dc=test,dc=invalid
                objectClass: inetOrgPerson
                objectClass: slapdTestUser
                uid: alice
                cn: Alice
                sn: Liddell
                slapdTestFlag: yes
                userPassword: alice-Secret!
                """);

        Slapd slapd = Slapd.start(Slapd.options()
                .suffix("dc=test,dc=invalid")
                .schema(schema)
                .module("ppolicy")
                .overlay("ppolicy", "objectClass: olcPPolicyConfig"));
        Path dir = slapd.dir();
        int port = slapd.port();
        try {
            assertEquals("ldap://127.0.0.1:" + port, slapd.url());
            assertEquals("cn=admin,dc=test,dc=invalid", slapd.rootDn());
            assertEquals(3, slapd.load(data));

            try (LDAPConnection alice = slapd.connect("uid=alice,ou=people,dc=test,dc=invalid",
                    "alice-Secret!")) {
                SearchResultEntry self = alice.getEntry(
                        "uid=alice,ou=people,dc=test,dc=invalid", "entryUUID", "slapdTestFlag");
                assertNotNull(self.getAttributeValue("entryUUID"));
                assertEquals("yes", self.getAttributeValue("slapdTestFlag"));
            }
            LDAPException wrong = assertThrows(LDAPException.class, () -> slapd.connect(
                    "uid=alice,ou=people,dc=test,dc=invalid", "nope"));
            assertEquals(ResultCode.INVALID_CREDENTIALS, wrong.getResultCode());

            // anonymous may read entries but not password values
            try (LDAPConnection anonymous = slapd.anonymous()) {
                SearchResultEntry entry = anonymous.getEntry(
                        "uid=alice,ou=people,dc=test,dc=invalid", "*");
                assertEquals("Alice", entry.getAttributeValue("cn"));
                assertFalse(entry.hasAttribute("userPassword"));
            }

            // the ppolicy overlay is configured on the database and its schema is loaded
            try (LDAPConnection config = slapd.connectConfig()) {
                assertNotNull(config.getEntry("olcOverlay={0}ppolicy," + Slapd.DATABASE_CONFIG_DN));
                assertNotNull(config.getSchema().getObjectClass("pwdPolicy"));
            }

            // outage: refused while stopped, same port and data after the restart
            slapd.stopServer();
            assertFalse(slapd.isRunning());
            assertThrows(LDAPException.class, slapd::anonymous);
            slapd.restartServer();
            assertEquals(port, slapd.port());
            try (LDAPConnection alice = slapd.connect("uid=alice,ou=people,dc=test,dc=invalid",
                    "alice-Secret!")) {
                assertNotNull(alice.getEntry("uid=alice,ou=people,dc=test,dc=invalid"));
            }

            IllegalStateException duplicate =
                    assertThrows(IllegalStateException.class, () -> slapd.load(data));
            assertTrue(duplicate.getMessage().contains("dc=test,dc=invalid"), duplicate.getMessage());
            assertTrue(duplicate.getMessage().contains("entryAlreadyExists")
                    || duplicate.getMessage().contains("68"), duplicate.getMessage());
        } finally {
            slapd.stop();
        }
        assertFalse(Files.exists(dir), "temp dir deleted");
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            }
        });
        slapd.stop(); // idempotent
    }

    @Test
    void brokenConfigFailsWithSlapaddOutput() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Slapd.start(
                Slapd.options().overlay("nosuchoverlay")));
        assertTrue(e.getMessage().contains("slapadd"), e.getMessage());
    }
}
