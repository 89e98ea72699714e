package dev.authbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.config.GroupsConfig;
import dev.authbridge.config.PasswordChangeStrategy;
import dev.authbridge.config.Secret;
import dev.authbridge.config.TenantConfig;
import dev.authbridge.config.TlsMode;
import dev.authbridge.config.UsersConfig;
import dev.authbridge.directory.AuthResult.AccountRestricted;
import dev.authbridge.directory.AuthResult.Authenticated;
import dev.authbridge.directory.AuthResult.Rejected;
import dev.authbridge.testing.SambaDc;
import dev.authbridge.testing.TestTenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The password contracts against Active Directory: Samba's AD domain controller ({@link SambaDc},
 * provisioned for this run, LDAPS). The domain's password settings: complexity on, minimum
 * length 7, a history of 24, no minimum age (a test turns it on), lockout after 5 failures.
 * Users live in {@code OU=Staff} (the tenant {@code corp}); the service account authbridge
 * searches with is an ordinary user outside it, with no rights beyond those of every account.
 */
class ActiveDirectoryPasswordTest extends PasswordPolicyContract {

    private static final String STAFF = "OU=Staff," + SambaDc.BASE_DN;
    private static final String SERVICE_DN = "CN=authbridge-svc,CN=Users," + SambaDc.BASE_DN;
    private static final String SERVICE_PASSWORD = "Svc-Secret-7391!";
    private static final TenantConfig CORP = TestTenant.named("Corp", "3f1d1f8e-2a57-4c1e-9a55-6f0d8c1b7e21")
            .domains("corp").usersBaseDn(STAFF).build();
    /** 2011-12-14 in Windows FILETIME (100 ns since 1601): long before any maximum age. */
    private static final long LONG_AGO = 129_682_000_000_000_000L;

    private SambaDc dc;

    @Override
    protected Server startServer() throws Exception {
        dc = SambaDc.start("--complexity=on", "--min-pwd-length=7", "--history-length=24",
                "--min-pwd-age=0", "--max-pwd-age=42", "--account-lockout-threshold=5");
        try (LDAPConnection admin = dc.connectAdmin()) {
            admin.add("dn: " + STAFF, "objectClass: organizationalUnit", "ou: Staff");
            admin.add("dn: " + SERVICE_DN, "objectClass: user", "sAMAccountName: authbridge-svc",
                    "userAccountControl: 512");
            admin.modify(SERVICE_DN, new Modification(ModificationType.REPLACE, "unicodePwd",
                    PasswordChanger.unicodePwd(new Secret(SERVICE_PASSWORD))));
        }
        return new Server(config(dc.url()), List.of(CORP));
    }

    /** The README's Active Directory settings, on this domain. */
    private DirectoryConfig config(String url) {
        UsersConfig users = new UsersConfig(STAFF, filter("(&(objectClass=user)(objectCategory=person))"),
                "sAMAccountName", "objectGUID", "employeeID", "mail", "givenName", "sn", Map.of());
        GroupsConfig groups = new GroupsConfig(STAFF, filter("(objectClass=group)"), "member", "cn", "info",
                Map.of());
        return new DirectoryConfig(List.of(url), SERVICE_DN, new Secret(SERVICE_PASSWORD), TlsMode.LDAPS,
                dc.trustStore(), new Secret(SambaDc.TRUST_STORE_PASSWORD), Duration.ofSeconds(5),
                Duration.ofSeconds(15), 4, Duration.ofMinutes(10), Duration.ofSeconds(30), users, groups, null, java.time.Duration.ZERO);
    }

    private static Filter filter(String text) {
        return DemoFixtures.filter(text);
    }

    @Override
    protected void stopServer() {
        if (dc != null) {
            dc.close();
        }
    }

    @Override
    protected TestUser createUser(String name, String password) throws Exception {
        String dn = "CN=" + name + "," + STAFF;
        try (LDAPConnection admin = dc.connectAdmin()) {
            admin.add("dn: " + dn, "objectClass: user", "sAMAccountName: " + name,
                    "userPrincipalName: " + name + "@" + SambaDc.REALM.toLowerCase(), "userAccountControl: 512");
            admin.modify(dn, new Modification(ModificationType.REPLACE, "unicodePwd",
                    PasswordChanger.unicodePwd(new Secret(password))));
        }
        return new TestUser("corp\\" + name, dn, password);
    }

    @Override
    protected PasswordChangeStrategy expectedStrategy() {
        return PasswordChangeStrategy.ACTIVE_DIRECTORY;
    }

    @Override
    protected List<PasswordChangeStrategy> strategies() {
        return List.of(PasswordChangeStrategy.ACTIVE_DIRECTORY);
    }

    /** "User must change password at next logon": an administrator's reset with pwdLastSet 0. */
    @Override
    protected void adminReset(TestUser user, String password) throws Exception {
        try (LDAPConnection admin = dc.connectAdmin()) {
            admin.modify(user.dn(),
                    new Modification(ModificationType.REPLACE, "unicodePwd", PasswordChanger.unicodePwd(new Secret(password))),
                    new Modification(ModificationType.REPLACE, "pwdLastSet", "0"));
        }
    }

    @Override
    protected void expire(TestUser user) {
        dc.setPwdLastSet(user.dn(), LONG_AGO);
    }

    /** Five wrong passwords reach the domain's lockout threshold. */
    @Override
    protected void lockOut(TestUser user) {
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(Rejected.class, signIn(user, "Wrong-" + i + "-Password!"));
        }
    }

    @Override
    protected AutoCloseable minimumAge(TestUser user) {
        dc.passwordSettings("--min-pwd-age=1");
        return () -> dc.passwordSettings("--min-pwd-age=0");
    }

    /** AD lets any account change a password it knows the old value of; 532 proved it. */
    @Override
    protected boolean expiredPasswordChangeableWithoutSignIn() {
        return true;
    }

    @Override
    protected boolean lookUpSeesExpiredPasswords() {
        return true;
    }

    @Test
    void lookUpWhenDisabledOrAccountExpiredThenThatStateAsForTheRightPassword() throws Exception {
        TestUser disabled = newUser();
        TestUser expired = newUser();
        try (LDAPConnection admin = dc.connectAdmin()) {
            admin.modify(disabled.dn(), new Modification(ModificationType.REPLACE, "userAccountControl", "514"));
            admin.modify(expired.dn(), new Modification(ModificationType.REPLACE, "accountExpires",
                    Long.toString(LONG_AGO)));
        }

        assertEquals(PasswordReason.ACCOUNT_DISABLED, assertInstanceOf(AccountRestricted.class, lookUp(disabled)).reason());
        assertEquals(PasswordReason.ACCOUNT_EXPIRED, assertInstanceOf(AccountRestricted.class, lookUp(expired)).reason());
    }

    /** What an Entra ID or AD FS token names: the userPrincipalName. */
    @Test
    void lookUpWhenByUserPrincipalNameThenTheUser() throws Exception {
        TestUser user = newUser();
        String upn = user.login().substring("corp\\".length()) + "@" + SambaDc.REALM.toLowerCase();

        DirectoryUser found = assertInstanceOf(Authenticated.class,
                directory.lookUp(CORP, "userPrincipalName", upn)).user();

        assertEquals(user.dn().toLowerCase(), found.dn().toLowerCase());
    }

    @Test
    void changePasswordWhenNotComplexThenInsufficientQuality() throws Exception {
        TestUser user = newUser();

        assertRefused(PasswordReason.INSUFFICIENT_QUALITY, change(user, user.password(), "alllowercaseletters"));

        assertInstanceOf(Authenticated.class, signIn(user, user.password()));
    }

    /** 533 is only sent for the right password; a disabled account changes nothing either. */
    @Test
    void authenticateWhenDisabledThenAccountDisabledOnlyWithTheRightPassword() throws Exception {
        TestUser user = newUser();
        try (LDAPConnection admin = dc.connectAdmin()) {
            admin.modify(user.dn(), new Modification(ModificationType.REPLACE, "userAccountControl", "514"));
        }

        assertEquals(PasswordReason.ACCOUNT_DISABLED,
                assertInstanceOf(AccountRestricted.class, signIn(user, user.password())).reason());
        assertInstanceOf(Rejected.class, signIn(user, user.password() + "x"));
        assertRefused(PasswordReason.ACCOUNT_DISABLED, change(user, user.password(), password()));
        assertRefused(PasswordReason.WRONG_OLD_PASSWORD, change(user, user.password() + "x", password()));
    }

    @Test
    void authenticateWhenAccountExpiredThenAccountExpiredOnlyWithTheRightPassword() throws Exception {
        TestUser user = newUser();
        try (LDAPConnection admin = dc.connectAdmin()) {
            admin.modify(user.dn(), new Modification(ModificationType.REPLACE, "accountExpires",
                    Long.toString(LONG_AGO)));
        }

        assertEquals(PasswordReason.ACCOUNT_EXPIRED,
                assertInstanceOf(AccountRestricted.class, signIn(user, user.password())).reason());
        assertInstanceOf(Rejected.class, signIn(user, user.password() + "x"));
        assertRefused(PasswordReason.ACCOUNT_EXPIRED, change(user, user.password(), password()));
    }

    /** The user cannot bind while it must change its password: the service account makes the change. */
    @Test
    void changePasswordWhenMustChangeThenChangedAndNewPasswordSignsIn() throws Exception {
        TestUser user = newUser();
        String reset = password();
        String chosen = password();
        adminReset(user, reset);

        assertRefused(PasswordReason.PASSWORD_TOO_SHORT, change(user, reset, "Q7!x"));
        assertInstanceOf(PasswordChangeResult.Changed.class, change(user, reset, chosen));

        assertInstanceOf(Authenticated.class, signIn(user, chosen));
    }

    @Test
    void authenticateWhenActiveDirectoryThenIdIsTheObjectGuidAsUuid() throws Exception {
        TestUser user = newUser();
        DirectoryUser signedIn = assertInstanceOf(Authenticated.class, signIn(user, user.password())).user();
        assertEquals(signedIn.id(), UUID.fromString(signedIn.id()).toString());
    }
}
