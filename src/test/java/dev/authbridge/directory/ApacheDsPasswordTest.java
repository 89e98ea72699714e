package dev.authbridge.directory;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.authbridge.config.PasswordChangeStrategy;
import dev.authbridge.directory.AuthResult.Authenticated;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.server.core.api.authn.ppolicy.CheckQualityEnum;
import org.apache.directory.server.core.api.authn.ppolicy.PasswordPolicyConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The password contracts against ApacheDS with its password policy. ApacheDS needs a default
 * policy once any exists; it is left lenient, so demo users are untouched, and test users get
 * theirs by {@code pwdPolicySubentry}: "strict" (length 10 to 64, quality enforced, history of
 * 3, lockout after 3 failures, maximum age one day with a one-hour warning), "resettable"
 * (strict, must change after a reset), "graceful" (two grace sign-ins), "young" (a minimum age
 * of an hour), "fixed" (users may not change their own password). The administrator sets
 * {@code pwdChangedTime} to move a password in time.
 */
class ApacheDsPasswordTest extends BeheraPolicyContract {

    private static final String POLICIES = "ou=policies," + DemoFixtures.BASE_DN;
    private static final DateTimeFormatter GENERALIZED =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ApacheDsServer apacheDs;

    @Override
    protected Server startServer() throws Exception {
        apacheDs = ApacheDsServer.start((container, service) -> {
            Dn lenient = new Dn(service.getSchemaManager(), "cn=default," + POLICIES);
            container.addPolicy(lenient, new PasswordPolicyConfiguration());
            container.setDefaultPolicyDn(lenient);
            add(container, service, "strict", p -> {});
            add(container, service, "resettable", p -> p.setPwdMustChange(true));
            add(container, service, "graceful", p -> p.setPwdGraceAuthNLimit(2));
            add(container, service, "young", p -> p.setPwdMinAge(3600));
            add(container, service, "fixed", p -> p.setPwdAllowUserChange(false));
        });
        return new Server(DemoFixtures.config(apacheDs.url()), DemoFixtures.TENANTS);
    }

    private static void add(org.apache.directory.server.core.authn.ppolicy.PpolicyConfigContainer container,
            org.apache.directory.server.core.api.DirectoryService service, String name,
            Consumer<PasswordPolicyConfiguration> variation) throws Exception {
        PasswordPolicyConfiguration policy = new PasswordPolicyConfiguration();
        policy.setPwdMinLength(10);
        policy.setPwdMaxLength(64);
        policy.setPwdCheckQuality(CheckQualityEnum.CHECK_REJECT);
        policy.setPwdInHistory(3);
        policy.setPwdLockout(true);
        policy.setPwdMaxFailure(3);
        policy.setPwdMaxAge((int) Duration.ofDays(1).toSeconds());
        policy.setPwdExpireWarning((int) EXPIRE_WARNING.toSeconds());
        policy.setPwdAllowUserChange(true);
        variation.accept(policy);
        // Keys are schema-aware DNs, as ApacheDS reads pwdPolicySubentry values.
        container.addPolicy(new Dn(service.getSchemaManager(), "cn=" + name + "," + POLICIES), policy);
    }

    @Override
    protected void stopServer() throws Exception {
        if (apacheDs != null) {
            apacheDs.close();
        }
    }

    @Override
    protected TestUser createUser(String name, String password) throws Exception {
        String dn = "uid=" + name + ",ou=people,ou=demo," + DemoFixtures.BASE_DN;
        try (LDAPConnection admin = apacheDs.connectAdmin()) {
            admin.add("dn: " + dn, "objectClass: inetOrgPerson", "uid: " + name, "cn: " + name, "sn: " + name,
                    "userPassword: " + password, "pwdPolicySubentry: cn=strict," + POLICIES);
        }
        return new TestUser("demo\\" + name, dn, password);
    }

    /**
     * Password Modify is advertised, but ApacheDS drops the connection on its refusals, and it
     * and the delete/add modify both make ApacheDS forget the history: a replace keeps it.
     */
    @Override
    protected PasswordChangeStrategy expectedStrategy() {
        return PasswordChangeStrategy.REPLACE;
    }

    @Override
    protected List<PasswordChangeStrategy> strategies() {
        return List.of(PasswordChangeStrategy.REPLACE, PasswordChangeStrategy.MODIFY,
                PasswordChangeStrategy.PASSWORD_MODIFY);
    }

    @Override
    protected void adminReset(TestUser user, String password) throws Exception {
        usePolicy(user, "resettable");
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

    /** ApacheDS reports a password over the policy's maximum length as of insufficient quality. */
    @Test
    void changePasswordWhenNewLongerThanThePolicyAllowsThenInsufficientQuality() throws Exception {
        TestUser user = newUser();

        assertRefused(PasswordReason.INSUFFICIENT_QUALITY, change(user, user.password(), password().repeat(5)));

        assertInstanceOf(Authenticated.class, signIn(user, user.password()));
    }

    private void usePolicy(TestUser user, String policy) throws Exception {
        modify(user, new Modification(ModificationType.REPLACE, "pwdPolicySubentry", "cn=" + policy + "," + POLICIES));
    }

    private void changedAt(TestUser user, Instant when) throws Exception {
        modify(user, new Modification(ModificationType.REPLACE, "pwdChangedTime", GENERALIZED.format(when)));
    }

    private void modify(TestUser user, Modification modification) throws Exception {
        try (LDAPConnection admin = apacheDs.connectAdmin()) {
            admin.modify(user.dn(), modification);
        }
    }
}
