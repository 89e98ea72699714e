package dev.authbridge.directory;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.unboundid.ldap.sdk.LDAPConnection;
import dev.authbridge.config.PasswordChangeStrategy;
import dev.authbridge.config.Secret;
import dev.authbridge.directory.AuthResult.Authenticated;
import dev.authbridge.testing.PolicySlapd;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The password contracts against a stock OpenLDAP (Debian's slapd, private instance) with the
 * {@code ppolicy} overlay, the demo directory and the policies of {@link PolicySlapd}: test
 * users get "strict" (minimum length 10, quality checked, history of 3, lockout after 3
 * failures, must change after a reset, maximum age one day with a one-hour warning), and the
 * hooks switch them to "graceful", "young" or "fixed" or move their password in time.
 */
class OpenLdapPasswordTest extends BeheraPolicyContract {

    private PolicySlapd slapd;

    @Override
    protected Server startServer() {
        slapd = PolicySlapd.start();
        return new Server(DemoFixtures.config(slapd.url()), DemoFixtures.TENANTS);
    }

    @Override
    protected void stopServer() {
        if (slapd != null) {
            slapd.close();
        }
    }

    @Override
    protected TestUser createUser(String name, String password) throws Exception {
        return new TestUser("demo\\" + name, slapd.createUser(name, password), password);
    }

    @Override
    protected PasswordChangeStrategy expectedStrategy() {
        return PasswordChangeStrategy.PASSWORD_MODIFY;
    }

    @Override
    protected List<PasswordChangeStrategy> strategies() {
        return List.of(PasswordChangeStrategy.PASSWORD_MODIFY, PasswordChangeStrategy.MODIFY,
                PasswordChangeStrategy.REPLACE);
    }

    @Override
    protected void adminReset(TestUser user, String password) throws Exception {
        slapd.adminReset(user.dn(), password);
    }

    @Override
    protected void expire(TestUser user) throws Exception {
        slapd.expire(user.dn());
    }

    @Override
    protected void expireWithGraceSignIns(TestUser user) throws Exception {
        slapd.usePolicy(user.dn(), "graceful");
        slapd.expire(user.dn());
    }

    @Override
    protected void expireIn(TestUser user, Duration remaining) throws Exception {
        slapd.expireIn(user.dn(), remaining);
    }

    @Override
    protected void lockOut(TestUser user) throws Exception {
        slapd.lock(user.dn());
    }

    @Override
    protected AutoCloseable minimumAge(TestUser user) throws Exception {
        slapd.usePolicy(user.dn(), "young");
        return () -> slapd.usePolicy(user.dn(), "strict");
    }

    @Override
    protected void forbidUserChange(TestUser user) throws Exception {
        slapd.usePolicy(user.dn(), "fixed");
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
            assertRefused(PasswordReason.INSUFFICIENT_QUALITY, modify.changePassword(login(user),
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
        try (LDAPConnection root = slapd.slapd().connect()) {
            assertNotNull(root.getEntry(user.dn(), "pwdAccountLockedTime").getAttributeValue("pwdAccountLockedTime"),
                    "the policy locked the account");
        }
    }
}
