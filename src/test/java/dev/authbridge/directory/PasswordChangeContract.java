package dev.authbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.config.PasswordChangeStrategy;
import dev.authbridge.config.Secret;
import dev.authbridge.config.TenantConfig;
import dev.authbridge.directory.AuthResult.Authenticated;
import dev.authbridge.directory.AuthResult.Rejected;
import dev.authbridge.directory.PasswordChangeResult.Changed;
import dev.authbridge.directory.PasswordChangeResult.Refused;
import dev.authbridge.testing.ClosedPort;
import dev.authbridge.testing.DirectoryLeaks;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Directory} must do to change a password, on every server we support: the
 * change is made as the user, the new password signs in and the old one no longer does, and
 * every way of naming no one is the same refusal as a wrong old password. A subclass starts its
 * server and says how to make a user there; every test makes its own users.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PasswordChangeContract {

    /** How to reach the server: a directory config and the tenants test users belong to. */
    protected record Server(DirectoryConfig config, List<TenantConfig> tenants) {}

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    protected abstract Server startServer() throws Exception;

    protected abstract void stopServer() throws Exception;

    /** A new user of the tenant, under the server's password policy (if it has one). */
    protected abstract TestUser createUser(String name, String password) throws Exception;

    /** The strategy the server's root DSE calls for. */
    protected abstract PasswordChangeStrategy expectedStrategy();

    /** Every strategy that works on this server when configured explicitly. */
    protected abstract List<PasswordChangeStrategy> strategies();

    protected Server server;
    protected LdapDirectory directory;
    /** A directory whose server is not there: proves a refusal needed no directory at all. */
    private LdapDirectory unreachable;
    /** Where {@link #unreachable} points: refused for the whole suite. */
    private ClosedPort nowhere;

    /** The user's name read as authbridge reads it, with the server's tenants. */
    protected LoginName login(TestUser user) {
        return new Tenants(server.tenants(), null).parse(user.login());
    }

    @BeforeAll
    void startServerAndDirectory() throws Exception {
        server = startServer();
        directory = new LdapDirectory(server.config(), server.tenants());
        nowhere = ClosedPort.reserve();
        unreachable = new LdapDirectory(DemoFixtures.config(nowhere.ldapUrl()), DemoFixtures.TENANTS);
    }

    /** Every connection back in the pools, none left open to the server: else the suite fails. */
    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (directory != null) {
                DirectoryLeaks.closeChecked(getClass().getSimpleName(), directory, server.config().urls());
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
                stopServer();
            }
        }
    }

    /** A fresh user with a fresh password the server's policy accepts. */
    protected TestUser newUser() throws Exception {
        return createUser("pw" + SEQUENCE.incrementAndGet(), password());
    }

    /**
     * A password every policy here accepts: long, all four character classes (AD complexity),
     * never containing a user's name, never used before.
     */
    protected static String password() {
        StringBuilder random = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            random.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return "Qz7!" + random + "-Lm4";
    }

    protected AuthResult signIn(TestUser user, String password) {
        return directory.authenticate(login(user), new Secret(password));
    }

    protected PasswordChangeResult change(TestUser user, String oldPassword, String newPassword) {
        return directory.changePassword(login(user), new Secret(oldPassword), new Secret(newPassword));
    }

    protected static void assertRefused(PasswordReason expected, PasswordChangeResult result) {
        assertEquals(expected, assertInstanceOf(Refused.class, result, String.valueOf(result)).reason());
    }

    @Test
    void changePasswordWhenOldPasswordRightThenNewSignsInAndOldDoesNot() throws Exception {
        TestUser user = newUser();
        String next = password();

        Changed changed = assertInstanceOf(Changed.class, change(user, user.password(), next));

        assertEquals(user.dn().toLowerCase(Locale.ROOT), changed.userDn().toLowerCase(Locale.ROOT));
        DirectoryUser signedIn = assertInstanceOf(Authenticated.class, signIn(user, next)).user();
        assertEquals(signedIn.id(), changed.userId());
        assertInstanceOf(Rejected.class, signIn(user, user.password()));
    }

    @Test
    void changePasswordByDnWhenOldPasswordRightThenThatUsersPasswordChanged() throws Exception {
        TestUser user = newUser();
        TestUser bystander = newUser();
        String next = password();

        PasswordChangeResult result = directory.changePassword(
                user.dn(), new Secret(user.password()), new Secret(next));

        assertInstanceOf(Changed.class, result);
        assertInstanceOf(Authenticated.class, signIn(user, next));
        assertInstanceOf(Authenticated.class, signIn(bystander, bystander.password()));
    }

    @Test
    void changePasswordWhenOldPasswordWrongThenWrongOldPasswordAndNothingChanged() throws Exception {
        TestUser user = newUser();
        String next = password();

        assertRefused(PasswordReason.WRONG_OLD_PASSWORD, change(user, user.password() + "x", next));
        assertRefused(PasswordReason.WRONG_OLD_PASSWORD, directory.changePassword(
                user.dn(), new Secret(user.password().toLowerCase(Locale.ROOT)), new Secret(next)));

        assertInstanceOf(Authenticated.class, signIn(user, user.password()));
        assertInstanceOf(Rejected.class, signIn(user, next));
    }

    @Test
    void changePasswordWhenChangedTwiceThenOnlyTheLatestSignsIn() throws Exception {
        TestUser user = newUser();
        String second = password();
        String third = password();

        assertInstanceOf(Changed.class, change(user, user.password(), second));
        assertInstanceOf(Changed.class, change(user, second, third));

        assertInstanceOf(Authenticated.class, signIn(user, third));
        assertInstanceOf(Rejected.class, signIn(user, second));
        assertInstanceOf(Rejected.class, signIn(user, user.password()));
    }

    /** Names of no one, filter syntax among them: all the same refusal as a wrong password. */
    @ParameterizedTest
    @ValueSource(strings = {"nobody", "*", "pw*", "*)(sAMAccountName=*", "*)(uid=*", "pw1)(|(objectClass=*)",
            "uid=pw1", "", " ", "pw1\u0000", "用户"})
    void changePasswordWhenNameIsNoOneThenWrongOldPassword(String name) throws Exception {
        TestUser user = newUser();
        String tenant = user.login().substring(0, user.login().indexOf('\\'));

        assertRefused(PasswordReason.WRONG_OLD_PASSWORD, directory.changePassword(
                DemoFixtures.NAMES.parse(tenant + "\\" + name), new Secret(user.password()), new Secret(password())));
        assertInstanceOf(Authenticated.class, signIn(user, user.password()));
    }

    @Test
    void changePasswordByDnWhenNotAUserThenWrongOldPassword() throws Exception {
        TestUser user = newUser();
        DirectoryConfig config = server.config();
        for (String dn : List.of("not a dn", "", "uid=" + user.dn(), "cn=nobody," + config.users().baseDn(),
                "dc=elsewhere,dc=invalid")) {
            assertRefused(PasswordReason.WRONG_OLD_PASSWORD,
                    directory.changePassword(dn, new Secret(user.password()), new Secret(password())));
        }
        // The service account is not a user: its password is never changed through authbridge.
        assertRefused(PasswordReason.WRONG_OLD_PASSWORD, directory.changePassword(
                config.bindDn(), config.bindPassword(), new Secret(password())));
        assertInstanceOf(Authenticated.class, signIn(user, user.password()));
    }

    @Test
    void changePasswordWhenAPasswordIsEmptyThenRefusedWithoutAskingTheDirectory() {
        LoginName someone = DemoFixtures.NAMES.parse("demo\\agent1");
        String dn = "uid=agent1,ou=people,ou=demo,dc=example,dc=com";
        for (Secret empty : List.of(new Secret(""), new Secret(null))) {
            assertRefused(PasswordReason.WRONG_OLD_PASSWORD,
                    unreachable.changePassword(someone, empty, new Secret(password())));
            assertRefused(PasswordReason.WRONG_OLD_PASSWORD,
                    unreachable.changePassword(dn, empty, new Secret(password())));
            // RFC 3062: an empty new password would ask the server to make one up.
            assertRefused(PasswordReason.PASSWORD_TOO_SHORT,
                    unreachable.changePassword(someone, new Secret("agent1-Secret!"), empty));
        }
        assertRefused(PasswordReason.WRONG_OLD_PASSWORD, unreachable.changePassword(someone, null, null));
    }

    @Test
    void changePasswordWhenDirectoryDownThenUnavailableAndNoPasswordInIt() {
        String oldPassword = "old-" + password();
        String newPassword = "new-" + password();
        DirectoryUnavailableException byName = assertThrows(DirectoryUnavailableException.class,
                () -> unreachable.changePassword(DemoFixtures.NAMES.parse("demo\\agent1"),
                        new Secret(oldPassword), new Secret(newPassword)));
        DirectoryUnavailableException byDn = assertThrows(DirectoryUnavailableException.class,
                () -> unreachable.changePassword("uid=agent1,ou=people,ou=demo,dc=example,dc=com",
                        new Secret(oldPassword), new Secret(newPassword)));
        for (Throwable e : List.of(byName, byDn)) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t).contains(oldPassword), t.toString());
                assertFalse(String.valueOf(t).contains(newPassword), t.toString());
            }
        }
    }

    @Test
    void changePasswordWhenAutoThenStrategyFromTheRootDse() throws Exception {
        TestUser user = newUser();
        assertInstanceOf(Changed.class, change(user, user.password(), password()));

        assertEquals(expectedStrategy(), directory.passwordChangeStrategy());
    }

    @Test
    void changePasswordWhenStrategyConfiguredThenEachOneWorks() throws Exception {
        for (PasswordChangeStrategy strategy : strategies()) {
            try (LdapDirectory configured = new LdapDirectory(server.config(), server.tenants(), strategy)) {
                TestUser user = newUser();
                String next = password();

                assertInstanceOf(Changed.class, configured.changePassword(
                        login(user), new Secret(user.password()), new Secret(next)), strategy.name());

                assertEquals(strategy, configured.passwordChangeStrategy());
                assertInstanceOf(Authenticated.class, signIn(user, next), strategy.name());
                assertInstanceOf(Rejected.class, signIn(user, user.password()), strategy.name());
            }
        }
    }
}
