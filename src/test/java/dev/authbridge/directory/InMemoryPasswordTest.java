package dev.authbridge.directory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import dev.authbridge.config.PasswordChangeStrategy;
import dev.authbridge.config.Secret;
import dev.authbridge.directory.AuthResult.Authenticated;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The password-change contract against the embedded UnboundID in-memory server (no password
 * policy; it advertises Password Modify), loaded with the demo directory.
 */
class InMemoryPasswordTest extends PasswordChangeContract {

    private EmbeddedDirectoryServer embedded;

    @Override
    protected Server startServer() {
        embedded = EmbeddedDirectoryServer.start(DemoFixtures.embedded(0));
        return new Server(DemoFixtures.config(embedded.ldapUrl()), DemoFixtures.TENANTS);
    }

    @Override
    protected void stopServer() {
        if (embedded != null) {
            embedded.close();
        }
    }

    @Override
    protected TestUser createUser(String name, String password) throws Exception {
        String dn = "uid=" + name + ",ou=people,ou=demo," + DemoFixtures.BASE_DN;
        embedded.server().add(new Entry(dn,
                new com.unboundid.ldap.sdk.Attribute("objectClass", "inetOrgPerson"),
                new com.unboundid.ldap.sdk.Attribute("uid", name),
                new com.unboundid.ldap.sdk.Attribute("cn", name),
                new com.unboundid.ldap.sdk.Attribute("sn", name),
                new com.unboundid.ldap.sdk.Attribute("userPassword", password)));
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

    /** Active Directory refuses unicodePwd over plain LDAP: not even tried, and not a refusal. */
    @Test
    void changePasswordWhenActiveDirectoryWithoutTlsThenUnavailableAndNothingSent() throws Exception {
        TestUser user = newUser();
        try (LdapDirectory ad = new LdapDirectory(server.config(), server.tenants(),
                PasswordChangeStrategy.ACTIVE_DIRECTORY)) {
            DirectoryUnavailableException e = assertThrows(DirectoryUnavailableException.class,
                    () -> ad.changePassword(login(user), new Secret(user.password()), new Secret(password())));
            assertTrue(e.getMessage().contains("directory.tls"), e.getMessage());
            assertFalse(e.getMessage().contains(user.password()));
        }
        assertInstanceOf(Authenticated.class, signIn(user, user.password()));
    }
}
