package dev.authbridge.directory;

import static dev.authbridge.directory.DemoFixtures.ACME;
import static dev.authbridge.directory.DemoFixtures.BASE_DN;
import static dev.authbridge.directory.DemoFixtures.DEMO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.config.Secret;
import dev.authbridge.config.TenantConfig;
import dev.authbridge.directory.AuthResult.Authenticated;
import dev.authbridge.directory.AuthResult.Rejected;
import dev.authbridge.testing.ClosedPort;
import dev.authbridge.testing.DirectoryLeaks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Directory} on an LDAP server must do, run against each server we support
 * loaded with the demo directory ({@code ldif/}). A subclass starts its server and says how to
 * stop and resume it; everything else is here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DirectoryContract {

    static final String AGENT1_DN = "uid=agent1,ou=people,ou=demo," + BASE_DN;

    /** Starts the server with the demo data; answers the config to reach it. */
    protected abstract DirectoryConfig startDirectory() throws Exception;

    protected abstract void stopDirectory() throws Exception;

    /** Makes the server stop answering (connections refused) without losing its address. */
    protected abstract void stopListening() throws Exception;

    /** Undoes {@link #stopListening()}: the server answers again on the same address. */
    protected abstract void resumeListening() throws Exception;

    protected Directory directory;
    /** {@link #directory}, whose pools are checked for leaks at the end. */
    private LdapDirectory adapter;
    private List<String> urls;
    /** A directory whose server is not there: proves a check needed no directory at all. */
    private Directory unreachable;
    /** Where {@link #unreachable} points: refused for the whole suite. */
    private ClosedPort nowhere;

    @BeforeAll
    void startDirectoryAndAdapter() throws Exception {
        DirectoryConfig config = startDirectory();
        urls = config.urls();
        adapter = new LdapDirectory(config, DemoFixtures.TENANTS);
        directory = adapter;
        nowhere = ClosedPort.reserve();
        unreachable = new LdapDirectory(DemoFixtures.config(nowhere.ldapUrl()), DemoFixtures.TENANTS);
    }

    /** Every connection back in the pools, none left open to the server: else the suite fails. */
    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (adapter != null) {
                DirectoryLeaks.closeChecked(getClass().getSimpleName(), adapter, urls);
            }
        } finally {
            try {
                if (unreachable != null) {
                    unreachable.close();
                }
                if (nowhere != null) {
                    nowhere.close();
                }
            } finally {
                stopDirectory();
            }
        }
    }

    private AuthResult login(String raw, String password) {
        return directory.authenticate(DemoFixtures.NAMES.parse(raw), new Secret(password));
    }

    private DirectoryUser authenticated(String raw, String password) {
        AuthResult result = login(raw, password);
        return assertInstanceOf(Authenticated.class, result, raw + " -> " + result).user();
    }

    @Test
    void authenticateWhenPasswordRightThenUserMappedFromEntry() {
        DirectoryUser user = authenticated("demo\\agent1", "agent1-Secret!");

        assertEquals(AGENT1_DN, user.dn().toLowerCase(java.util.Locale.ROOT));
        assertFalse(user.id() == null || user.id().isBlank());
        UUID.fromString(user.id());
        assertEquals("agent1", user.loginName());
        assertEquals(1001L, user.dbid());
        assertEquals("agent1@demo.example.com", user.email());
        assertEquals("Alice", user.givenName());
        assertEquals("Anders", user.familyName());
        assertEquals(DEMO.id(), user.tenant().id());
        assertEquals(List.of("ROLE_AGENTS"), user.roles().stream().map(Role::name).toList());
        assertEquals(Map.of("phone", "+1 555 1000", "title", "Agent", "department", "Agents",
                "employeeNumber", "1001"), user.properties());
    }

    @Test
    void authenticateWhenSupervisorThenRolesSortedWithSortedPrivileges() {
        DirectoryUser user = authenticated("demo\\supervisor1", "supervisor1-Secret!");

        assertEquals(List.of("ROLE_AGENTS", "ROLE_SUPERVISORS"),
                user.roles().stream().map(Role::name).toList());
        List<String> privileges = user.roles().get(1).privileges();
        assertTrue(privileges.size() >= 2, privileges.toString());
        assertEquals(privileges.stream().sorted().toList(), privileges);
        assertTrue(privileges.contains("InteractionWorkspace.Monitoring.CanMonitorVoice"));
    }

    @Test
    void authenticateWhenGroupHasNoPrivilegesThenRoleWithNone() {
        DirectoryUser user = authenticated("acme\\agent2", "acme-agent2-Secret!");

        Role nightShift = user.roles().stream()
                .filter(role -> role.name().equals("ROLE_NIGHT-SHIFT")).findFirst().orElseThrow();
        assertEquals(List.of(), nightShift.privileges());
    }

    @Test
    void authenticateWhenPasswordWrongThenRejected() {
        assertInstanceOf(Rejected.class, login("demo\\agent1", "agent2-Secret!"));
        assertInstanceOf(Rejected.class, login("demo\\agent1", "AGENT1-SECRET!"));
    }

    @Test
    void authenticateWhenUserUnknownThenRejected() {
        assertInstanceOf(Rejected.class, login("demo\\nobody", "nobody-Secret!"));
    }

    @Test
    void authenticateWhenPasswordEmptyThenRejectedWithoutAskingTheDirectory() {
        // The unreachable directory would throw if it were asked anything.
        assertInstanceOf(Rejected.class, unreachable.authenticate(
                DemoFixtures.NAMES.parse("demo\\agent1"), new Secret("")));
        assertInstanceOf(Rejected.class, unreachable.authenticate(
                DemoFixtures.NAMES.parse("demo\\agent1"), new Secret(null)));
        assertInstanceOf(Rejected.class, login("demo\\agent1", ""));
        // An empty password would be an unauthenticated bind, which servers answer "success".
        assertInstanceOf(Rejected.class, login("\\admin", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "   ", "\t", " agent1-Secret!", "agent1-Secret! "})
    void authenticateWhenPasswordBlankOrPaddedThenRejected(String password) {
        assertInstanceOf(Rejected.class, login("demo\\agent1", password));
    }

    /** Each name is filter syntax that, if not escaped, would match agent1 or admin. */
    @ParameterizedTest
    @ValueSource(strings = {"*", "a*", "agent1*", "*)(uid=*", "agent1)(uid=*",
            "admin)(|(uid=*", "agent1)(|(objectClass=*)", "agent*1", "*gent1", "agent1\\2a",
            "agent1)(&", "(uid=agent1)"})
    void authenticateWhenNameIsFilterSyntaxThenRejected(String name) {
        assertInstanceOf(Rejected.class, login("demo\\" + name, "agent1-Secret!"));
        assertInstanceOf(Rejected.class, login("\\" + name, "admin-Secret!"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"uid=agent1,ou=people,ou=demo,dc=example,dc=com", "uid=agent1",
            "cn=admin", "uid=admin,ou=people,dc=example,dc=com", "cn=authbridge,ou=system,dc=example,dc=com"})
    void authenticateWhenNameIsDnThenRejected(String name) {
        assertInstanceOf(Rejected.class, login("demo\\" + name, "agent1-Secret!"));
        assertInstanceOf(Rejected.class, login("\\" + name, "admin-Secret!"));
        assertInstanceOf(Rejected.class, login("\\" + name, DemoFixtures.SERVICE_PASSWORD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"agënt1", "用户", "agent1ë", "Ägent1", "агент1"})
    void authenticateWhenNameIsUnicodeWithoutSuchUserThenRejected(String name) {
        assertInstanceOf(Rejected.class, login("demo\\" + name, "agent1-Secret!"));
    }

    /**
     * Names the directory's matching rule may equate with {@code agent1} (case folding, RFC 4518
     * string preparation: fullwidth forms, zero-width characters). Servers differ; what no
     * server may do is let them reach anyone but agent1, or fail.
     */
    @ParameterizedTest
    @ValueSource(strings = {"AGENT1", "Agent1", "ａｇｅｎｔ１", "agent1\u200b", "\u00adagent1"})
    void authenticateWhenNameIsAnotherSpellingOfAgent1ThenRejectedOrAgent1(String name) {
        AuthResult result = login("demo\\" + name, "agent1-Secret!");
        if (result instanceof Authenticated authenticated) {
            assertEquals(AGENT1_DN, authenticated.user().dn().toLowerCase(java.util.Locale.ROOT));
            assertEquals("agent1", authenticated.user().loginName());
        } else {
            assertInstanceOf(Rejected.class, result);
        }
        assertInstanceOf(Rejected.class, login("demo\\" + name, "agent2-Secret!"));
    }

    /** Not characters a name is made of; some servers fail on them instead of matching. */
    @ParameterizedTest
    @ValueSource(strings = {"\uD83D\uDE00", "agent1\uD83D", "\uE000agent1", "agent1\uFFFF",
            "agent1\uFDD0", "agent1\uFFFD", "\u0378agent1"})
    void authenticateWhenNameHasNonCharactersThenRejectedWithoutAskingTheDirectory(String name) {
        assertInstanceOf(Rejected.class, unreachable.authenticate(
                DemoFixtures.NAMES.parse("demo\\" + name), new Secret("agent1-Secret!")));
        assertInstanceOf(Rejected.class, login("demo\\" + name, "agent1-Secret!"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"agent1\u0000", "\u0000", "agent1\nuid: admin", "agent1\r", "ag\u0007ent1",
            "", " ", "\u0085agent1"})
    void authenticateWhenNameHasControlCharactersOrIsBlankThenRejectedWithoutAskingTheDirectory(
            String name) {
        assertInstanceOf(Rejected.class, unreachable.authenticate(
                DemoFixtures.NAMES.parse("demo\\" + name), new Secret("agent1-Secret!")));
        assertInstanceOf(Rejected.class, login("demo\\" + name, "agent1-Secret!"));
    }

    @Test
    void authenticateWhenNameTooLongThenRejectedWithoutAskingTheDirectory() {
        String tenKilobytes = "a".repeat(10_240);
        String justTooLong = "a".repeat(LoginName.MAX_LENGTH + 1);
        for (String name : List.of(tenKilobytes, justTooLong, "agent1" + " ".repeat(LoginName.MAX_LENGTH))) {
            assertInstanceOf(Rejected.class, unreachable.authenticate(
                    DemoFixtures.NAMES.parse("demo\\" + name), new Secret("agent1-Secret!")));
            assertInstanceOf(Rejected.class, login("demo\\" + name, "agent1-Secret!"));
        }
    }

    @Test
    void authenticateWhenTenantUnknownThenRejectedWithoutAskingTheDirectory() {
        assertInstanceOf(Rejected.class, unreachable.authenticate(
                DemoFixtures.NAMES.parse("nowhere\\agent1"), new Secret("agent1-Secret!")));
        assertInstanceOf(Rejected.class, login("nowhere\\agent1", "agent1-Secret!"));
        assertInstanceOf(Rejected.class, login("ou=demo\\agent1", "agent1-Secret!"));
    }

    @Test
    void authenticateWhenTenantDomainInOtherCaseThenSameTenant() {
        assertEquals(DEMO.id(), authenticated("DEMO\\agent1", "agent1-Secret!").tenant().id());
    }

    @Test
    void authenticateWhenSameNameInTwoTenantsThenTwoDifferentUsers() {
        DirectoryUser demo = authenticated("demo\\agent1", "agent1-Secret!");
        DirectoryUser acme = authenticated("acme\\agent1", "acme-agent1-Secret!");

        assertNotEquals(demo.id(), acme.id());
        assertNotEquals(demo.dbid(), acme.dbid());
        assertEquals(2001L, acme.dbid());
        assertEquals(ACME.id(), acme.tenant().id());
        assertEquals("Ian", acme.givenName());
        // demo's agent1 password does not open acme's agent1, nor the other way round
        assertInstanceOf(Rejected.class, login("acme\\agent1", "agent1-Secret!"));
        assertInstanceOf(Rejected.class, login("demo\\agent1", "acme-agent1-Secret!"));
        // and a user only one tenant has is no one in the other
        assertInstanceOf(Rejected.class, login("acme\\agent8", "agent8-Secret!"));
        assertInstanceOf(Rejected.class, login("acme\\agent8", "acme-agent8-Secret!"));
    }

    @Test
    void authenticateWhenLeadingBackslashThenUserOutsideEveryTenant() {
        DirectoryUser admin = authenticated("\\admin", "admin-Secret!");

        assertEquals("admin", admin.loginName());
        assertNull(admin.tenant());
        assertNull(admin.dbid());
        assertEquals(List.of("ROLE_ADMINISTRATORS"), admin.roles().stream().map(Role::name).toList());
        assertTrue(admin.roles().get(0).privileges().size() >= 2);
    }

    @Test
    void authenticateWhenTenantUserNamedOutsideEveryTenantThenRejected() {
        assertInstanceOf(Rejected.class, login("\\agent1", "agent1-Secret!"));
        assertInstanceOf(Rejected.class, login("\\supervisor1", "supervisor1-Secret!"));
        assertInstanceOf(Rejected.class, login("demo\\admin", "admin-Secret!"));
    }

    @Test
    void authenticateWhenBareNameThenDefaultTenantOrNone() {
        AuthResult withDefault = directory.authenticate(
                new Tenants(DemoFixtures.TENANTS, "demo").parse("agent1"), new Secret("agent1-Secret!"));
        DirectoryUser user = assertInstanceOf(Authenticated.class, withDefault).user();
        assertEquals(DEMO.id(), user.tenant().id());

        assertInstanceOf(Rejected.class, directory.authenticate(
                DemoFixtures.NAMES.parse("agent1"), new Secret("agent1-Secret!")));
        assertInstanceOf(Authenticated.class, directory.authenticate(
                DemoFixtures.NAMES.parse("admin"), new Secret("admin-Secret!")));
    }

    @Test
    void authenticateWhenManyInARowThenServiceSearchesStillWork() {
        for (int i = 0; i < 20; i++) {
            authenticated("demo\\agent" + (i % 8 + 1), "agent" + (i % 8 + 1) + "-Secret!");
            assertInstanceOf(Rejected.class, login("acme\\agent1", "wrong-" + i));
        }
        // still the service account searching (a connection left bound as agent1 may not be
        // allowed to read other users' entries)
        assertTrue(directory.findByDn("uid=admin,ou=people," + BASE_DN).isPresent());
        assertTrue(directory.findByDn("uid=supervisor1,ou=people,ou=acme," + BASE_DN).isPresent());
    }

    @Test
    void authenticateWhenManyAtOnceThenEveryoneGetsTheirOwnAnswer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<AuthResult>> right = new ArrayList<>();
            List<Future<AuthResult>> wrong = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int agent = i % 8 + 1;
                right.add(pool.submit(() -> login("demo\\agent" + agent, "agent" + agent + "-Secret!")));
                wrong.add(pool.submit(() -> login("demo\\agent" + agent, "agent" + (agent % 8 + 1) + "-Secret!")));
            }
            for (int i = 0; i < right.size(); i++) {
                AuthResult result = right.get(i).get();
                DirectoryUser user = assertInstanceOf(Authenticated.class, result, result::toString).user();
                assertEquals("agent" + (i % 8 + 1), user.loginName());
                assertInstanceOf(Rejected.class, wrong.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Spellings the matching rules take for one entry: one account, the lockout's key. */
    @ParameterizedTest
    @ValueSource(strings = {"demo\\agent1", " DEMO \\ Agent1 ", "demo\\ＡＧＥＮＴ１", "demo\\agent\u200b1"})
    void locateWhenAnySpellingOfAnEntryThenThatAccountByItsStableId(String typed) {
        DirectoryUser user = authenticated("demo\\agent1", "agent1-Secret!");
        Account account = directory.locate(DemoFixtures.NAMES.parse(typed));
        assertTrue(account.isFound(), account::toString);
        assertEquals(user.id(), account.id());
        assertEquals("demo\\agent1", account.name());
    }

    @Test
    void authenticateWhenRefusedThenTheReasonSaysWhy() {
        assertEquals(RejectReason.WRONG_PASSWORD, assertInstanceOf(Rejected.class, login("demo\\agent1", "x")).reason());
        assertEquals(RejectReason.UNKNOWN_USER, assertInstanceOf(Rejected.class, login("demo\\nobody", "x")).reason());
        assertEquals(RejectReason.UNKNOWN_TENANT, assertInstanceOf(Rejected.class, login("nowhere\\a", "x")).reason());
        assertEquals(RejectReason.MALFORMED_USER_NAME,
                assertInstanceOf(Rejected.class, login("demo\\a\u0000", "x")).reason());
        assertEquals(RejectReason.EMPTY_PASSWORD, assertInstanceOf(Rejected.class, login("demo\\agent1", "")).reason());
    }

    /** No one found still costs a bind (so the answer's time tells nothing): the unreachable pool shows it. */
    @Test
    void authenticateWhenNoOneFoundThenABindAllTheSameButNotForWhatNeedsNoDirectory() {
        LoginName nobody = DemoFixtures.NAMES.parse("demo\\nobody");
        assertThrows(DirectoryUnavailableException.class,
                () -> unreachable.authenticate(Account.none(nobody, RejectReason.UNKNOWN_USER), new Secret("x")));
        assertInstanceOf(Rejected.class,
                unreachable.authenticate(Account.none(nobody, RejectReason.UNKNOWN_TENANT), new Secret("x")));
        assertInstanceOf(Rejected.class,
                unreachable.authenticate(Account.none(nobody, RejectReason.MALFORMED_USER_NAME), new Secret("x")));
    }

    // ---- lookUp: a user named by an attribute, for sign-ins proved without a password

    private AuthResult lookUp(TenantConfig tenant, String attribute, String value) {
        return directory.lookUp(tenant, attribute, value);
    }

    @Test
    void lookUpWhenOneEntryHasTheValueThenTheSameUserAsAPasswordSignIn() {
        DirectoryUser signedIn = authenticated("demo\\supervisor1", "supervisor1-Secret!");

        AuthResult byUid = lookUp(DEMO, "uid", "supervisor1");
        AuthResult byMail = lookUp(DEMO, "mail", "supervisor1@demo.example.com");

        assertEquals(signedIn, assertInstanceOf(Authenticated.class, byUid, byUid::toString).user());
        assertEquals(signedIn, assertInstanceOf(Authenticated.class, byMail, byMail::toString).user());
    }

    @Test
    void lookUpWhenValueInAnotherCaseThenMatchedAsTheAttributeMatches() {
        AuthResult result = lookUp(DEMO, "mail", "AGENT1@Demo.Example.COM");
        assertEquals(AGENT1_DN, assertInstanceOf(Authenticated.class, result, result::toString).user().dn()
                .toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void lookUpWhenNoTenantThenOnlyUsersOutsideEveryTenant() {
        DirectoryUser admin = assertInstanceOf(Authenticated.class, lookUp(null, "uid", "admin")).user();
        assertNull(admin.tenant());
        assertEquals(List.of("ROLE_ADMINISTRATORS"), admin.roles().stream().map(Role::name).toList());

        assertEquals(RejectReason.UNKNOWN_USER, assertInstanceOf(Rejected.class, lookUp(null, "uid", "agent1")).reason());
        assertEquals(RejectReason.UNKNOWN_USER, assertInstanceOf(Rejected.class, lookUp(DEMO, "uid", "admin")).reason());
    }

    @Test
    void lookUpWhenSameNameInTwoTenantsThenEachTenantsOwn() {
        assertEquals(DEMO.id(), assertInstanceOf(Authenticated.class, lookUp(DEMO, "uid", "agent1")).user().tenant().id());
        assertEquals(ACME.id(), assertInstanceOf(Authenticated.class, lookUp(ACME, "uid", "agent1")).user().tenant().id());
        assertEquals(RejectReason.UNKNOWN_USER, assertInstanceOf(Rejected.class, lookUp(ACME, "uid", "agent8")).reason());
    }

    @Test
    void lookUpWhenNoEntryHasTheValueThenUnknownUser() {
        assertEquals(RejectReason.UNKNOWN_USER,
                assertInstanceOf(Rejected.class, lookUp(DEMO, "mail", "nobody@demo.example.com")).reason());
    }

    @Test
    void lookUpWhenSeveralEntriesHaveTheValueThenAmbiguousNotAnyOfThem() {
        assertEquals(RejectReason.AMBIGUOUS_USER, assertInstanceOf(Rejected.class, lookUp(DEMO, "title", "Agent")).reason());
        assertEquals(RejectReason.AMBIGUOUS_USER,
                assertInstanceOf(Rejected.class, lookUp(DEMO, "departmentNumber", "Agents")).reason());
    }

    /** Each value is filter syntax that, if not escaped, would match agent1, admin or everyone. */
    @ParameterizedTest
    @ValueSource(strings = {"*", "a*", "agent1*", "*)(uid=*", "agent1)(uid=*", "admin)(|(uid=*",
            "agent1)(|(objectClass=*)", "*gent1", "agent1\\2a", "(uid=agent1)", "agent1@demo.example.com)(mail=*",
            "uid=agent1,ou=people,ou=demo,dc=example,dc=com", "агент1"})
    void lookUpWhenValueIsFilterSyntaxOrNoOneThenUnknownUser(String value) {
        assertEquals(RejectReason.UNKNOWN_USER, assertInstanceOf(Rejected.class, lookUp(DEMO, "uid", value)).reason());
        assertEquals(RejectReason.UNKNOWN_USER, assertInstanceOf(Rejected.class, lookUp(DEMO, "mail", value)).reason());
        assertEquals(RejectReason.UNKNOWN_USER, assertInstanceOf(Rejected.class, lookUp(null, "uid", value)).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "agent1\u0000", "agent1\nuid: admin", "\uD83D\uDE00", "agent1\uFFFF"})
    void lookUpWhenValueCannotNameAnyoneThenRefusedWithoutAskingTheDirectory(String value) {
        assertEquals(RejectReason.MALFORMED_USER_NAME,
                assertInstanceOf(Rejected.class, unreachable.lookUp(DEMO, "uid", value)).reason());
        assertInstanceOf(Rejected.class, lookUp(DEMO, "uid", value));
        assertEquals(RejectReason.MALFORMED_USER_NAME,
                assertInstanceOf(Rejected.class, unreachable.lookUp(DEMO, "uid", "a".repeat(LoginName.MAX_LENGTH + 1)))
                        .reason());
    }

    /** A look-up by password would tell whether a guess is someone's password. */
    @ParameterizedTest
    @ValueSource(strings = {"userPassword", "USERPASSWORD", "2.5.4.35", "userPassword;binary", "unicodePwd"})
    void lookUpWhenAttributeIsAPasswordThenRefusedWithoutAskingTheDirectory(String attribute) {
        assertEquals(RejectReason.MALFORMED_USER_NAME,
                assertInstanceOf(Rejected.class, unreachable.lookUp(DEMO, attribute, "agent1-Secret!")).reason());
        assertInstanceOf(Rejected.class, lookUp(DEMO, attribute, "agent1-Secret!"));
    }

    @Test
    void lookUpWhenDirectoryDownThenUnavailable() {
        assertThrows(DirectoryUnavailableException.class, () -> unreachable.lookUp(DEMO, "uid", "agent1"));
    }

    @Test
    void findByDnWhenUserExistsThenSameUserAsAtSignIn() {
        DirectoryUser signedIn = authenticated("demo\\supervisor1", "supervisor1-Secret!");

        DirectoryUser found = directory.findByDn(signedIn.dn()).orElseThrow();

        assertEquals(signedIn, found);
    }

    @Test
    void findByDnWhenUserOutsideTenantsThenNoTenant() {
        DirectoryUser found = directory.findByDn("uid=admin,ou=people," + BASE_DN).orElseThrow();
        assertNull(found.tenant());
        assertEquals("admin", found.loginName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"uid=gone,ou=people,ou=demo,dc=example,dc=com",
            "cn=supervisors,ou=groups,ou=demo,dc=example,dc=com",
            "cn=authbridge,ou=system,dc=example,dc=com", "uid=agent1,ou=people,dc=elsewhere",
            "ou=nowhere,dc=example,dc=com", "not a dn", ""})
    void findByDnWhenNoUserThereThenEmpty(String dn) {
        assertTrue(directory.findByDn(dn).isEmpty(), dn);
    }

    @Test
    void constructorWhenDirectoryDownThenUnavailableNotThrown() {
        long started = System.nanoTime();
        assertThrows(DirectoryUnavailableException.class, () -> unreachable.authenticate(
                DemoFixtures.NAMES.parse("demo\\agent1"), new Secret("agent1-Secret!")));
        assertThrows(DirectoryUnavailableException.class, () -> unreachable.findByDn(AGENT1_DN));
        assertWithinTimeouts(started, 2);
    }

    @Test
    void authenticateWhenServerStopsThenUnavailableAndWhenBackThenWorksAgain() throws Exception {
        authenticated("demo\\agent1", "agent1-Secret!");
        stopListening();
        try {
            long started = System.nanoTime();
            DirectoryUnavailableException down = assertThrows(DirectoryUnavailableException.class,
                    () -> login("demo\\agent1", "agent1-Secret!"));
            assertFalse(String.valueOf(down.getMessage()).contains("agent1-Secret!"));
            assertThrows(DirectoryUnavailableException.class, () -> directory.findByDn(AGENT1_DN));
            assertWithinTimeouts(started, 2);
        } finally {
            resumeListening();
        }
        authenticated("demo\\agent1", "agent1-Secret!");
        assertTrue(directory.findByDn(AGENT1_DN).isPresent());
    }

    private static void assertWithinTimeouts(long startedNanos, int calls) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        Duration limit = DemoFixtures.CONNECT_TIMEOUT.plus(DemoFixtures.RESPONSE_TIMEOUT)
                .multipliedBy(calls).plusMillis(500);
        assertTrue(took.compareTo(limit) < 0, "took " + took + ", limit " + limit);
    }
}
