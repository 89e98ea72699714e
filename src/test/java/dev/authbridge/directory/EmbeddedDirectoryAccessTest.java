package dev.authbridge.directory;

import static dev.authbridge.directory.DemoFixtures.BASE_DN;
import static dev.authbridge.directory.DemoFixtures.SERVICE_DN;
import static dev.authbridge.directory.DemoFixtures.SERVICE_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.CompareRequest;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.PostReadRequestControl;
import com.unboundid.ldap.sdk.controls.PreReadRequestControl;
import com.unboundid.ldap.sdk.controls.ServerSideSortRequestControl;
import com.unboundid.ldap.sdk.controls.SortKey;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import dev.authbridge.config.EmbeddedConfig;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The embedded demo directory over real LDAP sockets, as any local process would reach it:
 * anonymous clients may only bind, the service account may only search and never sees a
 * password, a user may change its own password and nothing else.
 */
class EmbeddedDirectoryAccessTest {
    private static final String AGENT1 = "uid=agent1,ou=people,ou=demo," + BASE_DN;
    private static final String AGENT2 = "uid=agent2,ou=people,ou=demo," + BASE_DN;
    private static final String ADMIN = "uid=admin,ou=people," + BASE_DN;
    /** The SDK's server skips its checks for a request carrying this control ("internal operation"). */
    private static final String INTERNAL_OPERATION_CONTROL = "1.3.6.1.4.1.30221.2.5.18";

    private EmbeddedDirectoryServer server;

    @BeforeEach
    void start() {
        server = EmbeddedDirectoryServer.start(new EmbeddedConfig(0, BASE_DN, DemoFixtures.ldifFiles(), SERVICE_DN,
                List.of(ADMIN)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LDAPConnection anonymous() throws LDAPException {
        return new LDAPConnection("127.0.0.1", server.port());
    }

    private LDAPConnection as(String dn, String password) throws LDAPException {
        return new LDAPConnection("127.0.0.1", server.port(), dn, password);
    }

    private LDAPConnection service() throws LDAPException {
        return as(SERVICE_DN, SERVICE_PASSWORD);
    }

    private static ResultCode refusal(Executable operation) {
        return assertThrows(LDAPException.class, operation::run).getResultCode();
    }

    @FunctionalInterface
    private interface Executable {
        void run() throws Exception;
    }

    @Test
    void searchWhenAnonymousThenRefusedEvenTheRootDse() throws Exception {
        try (LDAPConnection c = anonymous()) {
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    refusal(() -> c.search(BASE_DN, SearchScope.SUB, "(uid=agent1)", "userPassword")));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    refusal(() -> c.search("", SearchScope.BASE, "(objectClass=*)")));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    refusal(() -> c.compare(AGENT1, "userPassword", "agent1-Secret!")));
        }
    }

    @Test
    void bindWhenUnauthenticatedBindThenRefusedAndStillAnonymous() throws Exception {
        LDAPConnectionOptions lenient = new LDAPConnectionOptions();
        lenient.setBindWithDNRequiresPassword(false);
        try (LDAPConnection c = new LDAPConnection(lenient, "127.0.0.1", server.port())) {
            // RFC 4513 §5.1.2: a name without a password proves nothing.
            assertThrows(LDAPException.class, () -> c.bind(SERVICE_DN, ""));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    refusal(() -> c.search(BASE_DN, SearchScope.SUB, "(uid=agent1)")));
        }
    }

    @Test
    void bindWhenLaterBindFailsThenTheEarlierIdentityIsGone() throws Exception {
        try (LDAPConnection c = service()) {
            assertThrows(LDAPException.class, () -> c.bind(SERVICE_DN, "wrong"));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    refusal(() -> c.search(BASE_DN, SearchScope.SUB, "(uid=agent1)")));
        }
    }

    @Test
    void writeWhenAnonymousThenRefused() throws Exception {
        try (LDAPConnection c = anonymous()) {
            assertNotEquals(ResultCode.SUCCESS, refusal(() -> c.modify(AGENT1,
                    new Modification(ModificationType.REPLACE, "userPassword", "taken-over"))));
            assertNotEquals(ResultCode.SUCCESS, refusal(() -> c.delete(AGENT2)));
            ExtendedResult r = c.processExtendedOperation(
                    new PasswordModifyExtendedRequest(AGENT1, "agent1-Secret!", "taken-over"));
            assertNotEquals(ResultCode.SUCCESS, r.getResultCode());
        }
        assertBinds(AGENT1, "agent1-Secret!");
    }

    @Test
    void searchWhenInternalOperationControlThenRefused() throws Exception {
        try (LDAPConnection anonymous = anonymous(); LDAPConnection service = service()) {
            SearchRequest request = new SearchRequest(BASE_DN, SearchScope.SUB, "(uid=agent1)", "*");
            request.addControl(new Control(INTERNAL_OPERATION_CONTROL, false));
            assertNotEquals(ResultCode.SUCCESS, refusal(() -> anonymous.search(request)));
            assertEquals(ResultCode.UNAVAILABLE_CRITICAL_EXTENSION, refusal(() -> service.search(request)));
            ModifyRequest modify = new ModifyRequest(AGENT1,
                    new Modification(ModificationType.REPLACE, "title", "Intruder"));
            modify.addControl(new Control(INTERNAL_OPERATION_CONTROL, false));
            assertNotEquals(ResultCode.SUCCESS, refusal(() -> anonymous.modify(modify)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "+", "*,+", "userPassword", "USERPASSWORD", "2.5.4.35", "userPassword;binary",
            "uid,userPassword", "1.1,userPassword"})
    void searchWhenServiceAccountAsksForPasswordsThenNeverGetsThem(String attributes) throws Exception {
        try (LDAPConnection c = service()) {
            List<SearchResultEntry> entries = c.search(BASE_DN, SearchScope.SUB, "(objectClass=inetOrgPerson)",
                    attributes.split(",")).getSearchEntries();
            assertTrue(entries.size() > 10, "the users are readable: " + entries.size());
            for (SearchResultEntry entry : entries) {
                assertNoPassword(entry);
            }
            SearchRequest typesOnly = new SearchRequest(AGENT1, SearchScope.BASE, "(objectClass=*)", attributes.split(","));
            typesOnly.setTypesOnly(true);
            assertNoPassword(c.search(typesOnly).getSearchEntries().get(0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"(userPassword=agent1-Secret!)", "(userPassword=a*)", "(userPassword>=m)",
            "(userPassword=*)", "(2.5.4.35=*)", "(userPassword;binary=*)", "(&(uid=agent1)(!(userPassword=x*)))",
            "(|(uid=nobody)(userPassword~=agent1))", "(:caseExactMatch:=agent1-Secret!)",
            "(:2.5.13.5:=agent1-Secret!)", "(userPassword:caseExactMatch:=agent1-Secret!)"})
    void searchWhenFilterTestsPasswordThenRefused(String filter) throws Exception {
        try (LDAPConnection c = service()) {
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    refusal(() -> c.search(BASE_DN, SearchScope.SUB, filter, "uid")));
        }
    }

    @Test
    void compareWhenPasswordThenRefusedForServiceAccountAndAdministrator() throws Exception {
        for (LDAPConnection c : List.of(service(), as(ADMIN, "admin-Secret!"))) {
            try (c) {
                for (String attribute : List.of("userPassword", "2.5.4.35", "userpassword;binary")) {
                    assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                            refusal(() -> c.compare(new CompareRequest(AGENT1, attribute, "agent1-Secret!"))));
                }
                assertTrue(c.compare(AGENT1, "uid", "agent1").compareMatched(), "other attributes compare");
            }
        }
    }

    @Test
    void searchWhenServiceAccountThenReadsUsersGroupsAndRootDse() throws Exception {
        try (LDAPConnection c = service()) {
            assertEquals(1, c.search("ou=people,ou=demo," + BASE_DN, SearchScope.SUB, "(uid=agent1)", "uid", "mail")
                    .getEntryCount());
            assertTrue(c.search("ou=groups,ou=demo," + BASE_DN, SearchScope.SUB,
                    "(member=" + AGENT1 + ")", "cn", "authbridgePrivilege").getEntryCount() > 0);
            assertTrue(c.getRootDSE().supportsExtendedOperation(PasswordModifyExtendedRequest.PASSWORD_MODIFY_REQUEST_OID));
        }
    }

    @Test
    void writeWhenServiceAccountThenRefused() throws Exception {
        try (LDAPConnection c = service()) {
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, refusal(() -> c.modify(AGENT1,
                    new Modification(ModificationType.REPLACE, "userPassword", "taken-over"))));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, refusal(() -> c.modify(
                    "cn=administrators,ou=groups," + BASE_DN, new Modification(ModificationType.ADD, "member", AGENT1))));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, refusal(() -> c.delete(AGENT2)));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, refusal(() -> c.add(new Entry("ou=evil," + BASE_DN,
                    new Attribute("objectClass", "organizationalUnit"), new Attribute("ou", "evil")))));
            ExtendedResult r = c.processExtendedOperation(new PasswordModifyExtendedRequest(AGENT1, null, "taken-over"));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, r.getResultCode());
        }
        assertBinds(AGENT1, "agent1-Secret!");
    }

    @Test
    void modifyWhenUserChangesOwnPasswordThenDoneAndNothingElseAllowed() throws Exception {
        try (LDAPConnection c = as(AGENT1, "agent1-Secret!")) {
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, refusal(() -> c.modify(AGENT2,
                    new Modification(ModificationType.REPLACE, "userPassword", "taken-over"))));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, refusal(() -> c.modify(AGENT1,
                    new Modification(ModificationType.REPLACE, "title", "Supervisor"))));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, refusal(() -> c.modify(AGENT1,
                    new Modification(ModificationType.DELETE, "userPassword", "agent1-Secret!"),
                    new Modification(ModificationType.ADD, "userPassword", "agent1-New-Secret!"),
                    new Modification(ModificationType.ADD, "employeeNumber", "1"))));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, refusal(() -> c.delete(AGENT1)));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    refusal(() -> c.search(BASE_DN, SearchScope.SUB, "(uid=*)", "uid")));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    c.processExtendedOperation(new WhoAmIExtendedRequest()).getResultCode());
            ModifyRequest readBack = new ModifyRequest(AGENT1,
                    new Modification(ModificationType.DELETE, "userPassword", "agent1-Secret!"),
                    new Modification(ModificationType.ADD, "userPassword", "agent1-New-Secret!"));
            readBack.addControl(new PostReadRequestControl("userPassword"));
            assertEquals(ResultCode.UNAVAILABLE_CRITICAL_EXTENSION, refusal(() -> c.modify(readBack)));
            readBack.setControls(new PreReadRequestControl("userPassword"));
            assertEquals(ResultCode.UNAVAILABLE_CRITICAL_EXTENSION, refusal(() -> c.modify(readBack)));

            readBack.setControls(PasswordPolicyControl.REQUEST);
            assertEquals(ResultCode.SUCCESS, c.modify(readBack).getResultCode());
        }
        assertBinds(AGENT1, "agent1-New-Secret!");
        assertBinds(AGENT2, "agent2-Secret!");
    }

    @Test
    void passwordModifyWhenUserThenOnlyItsOwnWithTheOldPassword() throws Exception {
        try (LDAPConnection c = as(AGENT1, "agent1-Secret!")) {
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, c.processExtendedOperation(
                    new PasswordModifyExtendedRequest(AGENT2, "agent2-Secret!", "taken-over")).getResultCode());
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, c.processExtendedOperation(
                    new PasswordModifyExtendedRequest("dn:" + AGENT2, null, "taken-over")).getResultCode());
            assertEquals(ResultCode.UNWILLING_TO_PERFORM, c.processExtendedOperation(
                    new PasswordModifyExtendedRequest((String) null, null, "no-old-one")).getResultCode());
            assertEquals(ResultCode.UNWILLING_TO_PERFORM, c.processExtendedOperation(
                    new PasswordModifyExtendedRequest((String) null, "agent1-Secret!", null)).getResultCode(),
                    "no password made up by the server");
            assertEquals(ResultCode.SUCCESS, c.processExtendedOperation(new PasswordModifyExtendedRequest(
                    (String) null, "agent1-Secret!", "agent1-New-Secret!",
                    new Control[] {PasswordPolicyControl.REQUEST})).getResultCode());
        }
        assertBinds(AGENT1, "agent1-New-Secret!");
        assertBinds(AGENT2, "agent2-Secret!");
    }

    @Test
    void searchWhenSortControlThenRefused() throws Exception {
        try (LDAPConnection c = service()) {
            SearchRequest sorted = new SearchRequest(BASE_DN, SearchScope.SUB, "(uid=*)", "uid");
            sorted.addControl(new ServerSideSortRequestControl(new SortKey("userPassword")));
            assertEquals(ResultCode.UNAVAILABLE_CRITICAL_EXTENSION, refusal(() -> c.search(sorted)));
        }
    }

    @Test
    void writeWhenAdministratorThenAllowedButPasswordsStillNeverRead() throws Exception {
        try (LDAPConnection c = as(ADMIN, "admin-Secret!")) {
            c.modify(AGENT2, new Modification(ModificationType.REPLACE, "title", "Lead"));
            c.delete(new DeleteRequest("uid=agent8,ou=people,ou=demo," + BASE_DN));
            for (SearchResultEntry entry : c.search(BASE_DN, SearchScope.SUB, "(objectClass=*)", "*", "+")
                    .getSearchEntries()) {
                assertNoPassword(entry);
            }
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    refusal(() -> c.search(BASE_DN, SearchScope.SUB, "(userPassword=*)")));
        }
    }

    private void assertBinds(String dn, String password) throws LDAPException {
        try (LDAPConnection c = anonymous()) {
            assertEquals(ResultCode.SUCCESS, c.bind(dn, password).getResultCode(), dn);
        }
    }

    private static void assertNoPassword(SearchResultEntry entry) {
        for (Attribute attribute : entry.getAttributes()) {
            assertFalse(attribute.getBaseName().equalsIgnoreCase("userPassword")
                    || attribute.getBaseName().equals("2.5.4.35"), entry.getDN() + " carries " + attribute.getName());
        }
    }
}
