package dev.authbridge.directory;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import dev.authbridge.config.PasswordChangeStrategy;
import dev.authbridge.config.Secret;
import dev.authbridge.directory.AuthResult.Authenticated;
import dev.authbridge.testing.DemoDirectory;
import dev.authbridge.testing.Slapd;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The password contracts against a stock OpenLDAP (Debian's slapd, private instance) with the
 * {@code ppolicy} overlay and the demo directory. Policies live under {@code ou=policies} and
 * are given to test users only ({@code pwdPolicySubentry}; no default policy), so demo users
 * are untouched: "strict" (minimum length 10, quality checked, history of 3, lockout after 3
 * failures, must change after a reset, maximum age one day with a one-hour warning); "graceful"
 * (strict with two grace sign-ins), "young" (a minimum age of an hour), "fixed" (users may not
 * change their own password).
 *
 * <p>Time is moved by setting {@code pwdChangedTime} as the rootDN with the Relax Rules control
 * (it is NO-USER-MODIFICATION otherwise): no test waits for a password to age.
 */
class OpenLdapPasswordTest extends BeheraPolicyContract {

    private static final String POLICIES = "ou=policies," + DemoFixtures.BASE_DN;
    /** draft-zeilenga-ldap-relax: lets the rootDN set operational attributes such as pwdChangedTime. */
    private static final Control RELAX = new Control("1.3.6.1.4.1.4203.666.5.12", true);
    private static final DateTimeFormatter GENERALIZED =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private Slapd slapd;

    @Override
    protected Server startServer() throws Exception {
        slapd = DemoDirectory.start(Slapd.options().module("ppolicy")
                .overlay("ppolicy", "objectClass: olcPPolicyConfig"), DemoFixtures.ldifFiles());
        try (LDAPConnection root = slapd.connect()) {
            root.add("dn: " + POLICIES, "objectClass: organizationalUnit", "ou: policies");
            policy(root, "strict");
            policy(root, "graceful", "pwdGraceAuthNLimit: 2");
            policy(root, "young", "pwdMinAge: 3600");
            policy(root, "fixed", "pwdAllowUserChange: FALSE");
        }
        return new Server(DemoFixtures.config(slapd.url()), DemoFixtures.TENANTS);
    }

    private static void policy(LDAPConnection root, String name, String... overrides) throws Exception {
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String line : List.of("pwdAttribute: userPassword", "pwdMinLength: 10", "pwdCheckQuality: 2",
                "pwdInHistory: 3", "pwdLockout: TRUE", "pwdMaxFailure: 3", "pwdMustChange: TRUE",
                "pwdAllowUserChange: TRUE", "pwdSafeModify: FALSE", "pwdMaxAge: 86400",
                "pwdExpireWarning: " + EXPIRE_WARNING.toSeconds(), "pwdGraceAuthNLimit: 0", "pwdMinAge: 0")) {
            values.put(line.substring(0, line.indexOf(':')), line);
        }
        for (String line : overrides) {
            values.put(line.substring(0, line.indexOf(':')), line);
        }
        List<String> ldif = new java.util.ArrayList<>(List.of("dn: cn=" + name + "," + POLICIES,
                "objectClass: organizationalRole", "objectClass: pwdPolicy", "cn: " + name));
        ldif.addAll(values.values());
        root.add(ldif.toArray(String[]::new));
    }

    @Override
    protected void stopServer() {
        if (slapd != null) {
            slapd.stop();
        }
    }

    @Override
    protected TestUser createUser(String name, String password) throws Exception {
        String dn = "uid=" + name + ",ou=people,ou=demo," + DemoFixtures.BASE_DN;
        try (LDAPConnection root = slapd.connect()) {
            root.add("dn: " + dn, "objectClass: inetOrgPerson", "uid: " + name, "cn: " + name, "sn: " + name,
                    "userPassword: " + password, "pwdPolicySubentry: cn=strict," + POLICIES);
        }
        return new TestUser("demo\\" + name, dn, password);
    }

    @Override
    protected PasswordChangeStrategy expectedStrategy() {
        return PasswordChangeStrategy.PASSWORD_MODIFY;
    }

    @Override
    protected List<PasswordChangeStrategy> strategies() {
        return List.of(PasswordChangeStrategy.PASSWORD_MODIFY, PasswordChangeStrategy.MODIFY);
    }

    /** The rootDN changing a password sets pwdReset, since the policy has pwdMustChange. */
    @Override
    protected void adminReset(TestUser user, String password) throws Exception {
        modify(user, new Modification(ModificationType.REPLACE, "userPassword", password));
    }

    @Override
    protected void expire(TestUser user) throws Exception {
        changedAt(user, Instant.parse("2000-01-01T00:00:00Z"));
    }

    @Override
    protected void expireWithGraceSignIns(TestUser user) throws Exception {
        usePolicy(user, "graceful");
        expire(user);
    }

    @Override
    protected void expireIn(TestUser user, Duration remaining) throws Exception {
        changedAt(user, Instant.now().minus(Duration.ofDays(1)).plus(remaining));
    }

    /** 000001010000Z: locked until an administrator unlocks it (draft-behera §5.3.3). */
    @Override
    protected void lockOut(TestUser user) throws Exception {
        modify(user, new Modification(ModificationType.REPLACE, "pwdAccountLockedTime", "000001010000Z"));
    }

    @Override
    protected AutoCloseable minimumAge(TestUser user) throws Exception {
        usePolicy(user, "young");
        return () -> usePolicy(user, "strict");
    }

    @Override
    protected void forbidUserChange(TestUser user) throws Exception {
        usePolicy(user, "fixed");
    }

    /**
     * pwdCheckQuality 2: a value the server cannot check (already hashed, sent by a plain modify)
     * is refused. Password Modify hashes what it is given, so only the modify strategy meets it.
     */
    @Test
    void changePasswordWhenModifySendsAHashThenInsufficientQuality() throws Exception {
        TestUser user = newUser();
        try (LdapDirectory modify = new LdapDirectory(server.config(), server.tenants(),
                PasswordChangeStrategy.MODIFY)) {
            assertRefused(PasswordReason.INSUFFICIENT_QUALITY, modify.changePassword(user.loginName(),
                    new Secret(user.password()), new Secret("{SSHA}3e0Gb0BnrDcFbb7XyWtn9yvf7bfhcuHw")));
        }
        assertInstanceOf(Authenticated.class, signIn(user, user.password()));
    }

    /** Failed binds of the policy lock the account: after that even the right password fails. */
    @Test
    void authenticateWhenThreeWrongPasswordsThenLockedAndRejectedForTheRightOne() throws Exception {
        TestUser user = newUser();
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(AuthResult.Rejected.class, signIn(user, "wrong-" + i));
        }
        assertInstanceOf(AuthResult.Rejected.class, signIn(user, user.password()));
        try (LDAPConnection root = slapd.connect()) {
            assertNotNull(root.getEntry(user.dn(), "pwdAccountLockedTime").getAttributeValue("pwdAccountLockedTime"),
                    "the policy locked the account");
        }
    }

    private void usePolicy(TestUser user, String policy) throws Exception {
        modify(user, new Modification(ModificationType.REPLACE, "pwdPolicySubentry", "cn=" + policy + "," + POLICIES));
    }

    private void changedAt(TestUser user, Instant when) throws Exception {
        try (LDAPConnection root = slapd.connect()) {
            root.modify(new ModifyRequest(user.dn(), List.of(new Modification(ModificationType.REPLACE,
                    "pwdChangedTime", GENERALIZED.format(when))), new Control[] {RELAX}));
        }
    }

    private void modify(TestUser user, Modification modification) throws Exception {
        try (LDAPConnection root = slapd.connect()) {
            root.modify(user.dn(), modification);
        }
    }
}
