package dev.authbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.authbridge.directory.AuthResult.AccountRestricted;
import dev.authbridge.directory.AuthResult.Authenticated;
import dev.authbridge.directory.AuthResult.Rejected;
import dev.authbridge.directory.PasswordChangeResult.Changed;
import org.junit.jupiter.api.Test;

/**
 * What a directory with a password policy answers, in the one vocabulary, on every such server
 * (OpenLDAP's ppolicy overlay, ApacheDS, Active Directory): each refusal of a new password has
 * its own reason, account states are told only to the right password, and a reset or expired
 * password can be changed without signing in. The subclass's policy for new users: minimum
 * length above 5, a history of the last passwords, and sign-ins locked after failures.
 */
abstract class PasswordPolicyContract extends PasswordChangeContract {

    /** An administrator sets the user's password: it must be changed at the next sign-in. */
    protected abstract void adminReset(TestUser user, String password) throws Exception;

    /** The user's password is past its maximum age, with no grace sign-in left. */
    protected abstract void expire(TestUser user) throws Exception;

    /** The account is locked (by failed sign-ins or by an administrator). */
    protected abstract void lockOut(TestUser user) throws Exception;

    /** Until closed, the user's password may not be changed again so soon after it was set. */
    protected abstract AutoCloseable minimumAge(TestUser user) throws Exception;

    /**
     * Whether a user whose password expired can still change it with the old one. Active
     * Directory: yes (any account may change a password it knows). The draft-behera servers: only
     * while grace sign-ins remain, since the change is made bound as the user.
     */
    protected abstract boolean expiredPasswordChangeableWithoutSignIn();

    /**
     * Whether the directory shows a password past its maximum age without a bind. Active
     * Directory: yes ({@code msDS-User-Account-Control-Computed}). The draft-behera servers: no
     * (the policy's maximum age is not the service account's to read).
     */
    protected abstract boolean lookUpSeesExpiredPasswords();

    /** The user as a trusted issuer's assertion names them: by the login attribute, in their tenant. */
    protected AuthResult lookUp(TestUser user) {
        LoginName login = login(user);
        return directory.lookUp(login.tenant(), server.config().users().loginAttribute(), login.user());
    }

    @Test
    void lookUpWhenAccountInGoodStandingThenTheUserAsASignInHasThem() throws Exception {
        TestUser user = newUser();

        DirectoryUser signedIn = assertInstanceOf(Authenticated.class, signIn(user, user.password())).user();

        assertEquals(signedIn, assertInstanceOf(Authenticated.class, lookUp(user)).user());
    }

    @Test
    void lookUpWhenResetByAdministratorThenMustChangeAsForTheRightPassword() throws Exception {
        TestUser user = newUser();
        adminReset(user, password());

        assertEquals(PasswordReason.CHANGE_AFTER_RESET,
                assertInstanceOf(AccountRestricted.class, lookUp(user)).reason());
    }

    /** The issuer proved who the user is: the lock may be told, unlike to a password. */
    @Test
    void lookUpWhenLockedOutThenAccountLocked() throws Exception {
        TestUser user = newUser();
        lockOut(user);

        assertEquals(PasswordReason.ACCOUNT_LOCKED, assertInstanceOf(AccountRestricted.class, lookUp(user)).reason());
    }

    @Test
    void lookUpWhenPasswordExpiredThenPasswordExpiredWhereTheDirectoryShowsIt() throws Exception {
        TestUser user = newUser();
        expire(user);

        AuthResult result = lookUp(user);

        if (lookUpSeesExpiredPasswords()) {
            assertEquals(PasswordReason.PASSWORD_EXPIRED, assertInstanceOf(AccountRestricted.class, result).reason());
        } else {
            assertInstanceOf(Authenticated.class, result);
        }
    }

    @Test
    void changePasswordWhenNewTooShortThenPasswordTooShort() throws Exception {
        TestUser user = newUser();

        assertRefused(PasswordReason.PASSWORD_TOO_SHORT, change(user, user.password(), "Q7!x"));

        assertInstanceOf(Authenticated.class, signIn(user, user.password()));
    }

    @Test
    void changePasswordWhenNewWasUsedBeforeThenPasswordInHistory() throws Exception {
        TestUser user = newUser();
        String second = password();
        assertInstanceOf(Changed.class, change(user, user.password(), second));

        assertRefused(PasswordReason.PASSWORD_IN_HISTORY, change(user, second, user.password()));

        assertInstanceOf(Authenticated.class, signIn(user, second));
    }

    @Test
    void changePasswordWhenNewIsTheCurrentOneThenPasswordInHistory() throws Exception {
        TestUser user = newUser();

        assertRefused(PasswordReason.PASSWORD_IN_HISTORY, change(user, user.password(), user.password()));
    }

    @Test
    void changePasswordWhenChangedTooRecentlyThenPasswordTooYoung() throws Exception {
        TestUser user = newUser();
        try (AutoCloseable ignored = minimumAge(user)) {
            assertRefused(PasswordReason.PASSWORD_TOO_YOUNG, change(user, user.password(), password()));
        }
        assertInstanceOf(Authenticated.class, signIn(user, user.password()));
    }

    @Test
    void authenticateWhenResetByAdministratorThenMustChangeOnlyWithTheRightPassword() throws Exception {
        TestUser user = newUser();
        String reset = password();
        adminReset(user, reset);

        AccountRestricted restricted = assertInstanceOf(AccountRestricted.class, signIn(user, reset));
        assertEquals(PasswordReason.CHANGE_AFTER_RESET, restricted.reason());
        assertInstanceOf(Rejected.class, signIn(user, reset + "x"));
        assertInstanceOf(Rejected.class, signIn(user, user.password()));
    }

    @Test
    void changePasswordWhenResetByAdministratorThenChangedWithoutSigningInThenSignsIn() throws Exception {
        TestUser user = newUser();
        String reset = password();
        String chosen = password();
        adminReset(user, reset);

        assertRefused(PasswordReason.WRONG_OLD_PASSWORD, change(user, user.password(), chosen));
        assertInstanceOf(Changed.class, change(user, reset, chosen));

        assertInstanceOf(Authenticated.class, signIn(user, chosen));
        assertInstanceOf(Rejected.class, signIn(user, reset));
    }

    @Test
    void authenticateWhenExpiredThenPasswordExpiredOnlyWithTheRightPassword() throws Exception {
        TestUser user = newUser();
        expire(user);

        assertInstanceOf(Rejected.class, signIn(user, user.password() + "x"));
        AccountRestricted restricted = assertInstanceOf(AccountRestricted.class, signIn(user, user.password()));
        assertEquals(PasswordReason.PASSWORD_EXPIRED, restricted.reason());
    }

    @Test
    void changePasswordWhenExpiredThenChangedOrToldItExpired() throws Exception {
        TestUser user = newUser();
        String chosen = password();
        expire(user);

        assertRefused(PasswordReason.WRONG_OLD_PASSWORD, change(user, user.password() + "x", chosen));
        PasswordChangeResult result = change(user, user.password(), chosen);

        if (expiredPasswordChangeableWithoutSignIn()) {
            assertInstanceOf(Changed.class, result);
            assertInstanceOf(Authenticated.class, signIn(user, chosen));
        } else {
            assertRefused(PasswordReason.PASSWORD_EXPIRED, result);
            assertInstanceOf(Rejected.class, signIn(user, chosen));
        }
    }

    /** No server proves the password of a locked account, so the lock is never told. */
    @Test
    void authenticateWhenLockedOutThenRejectedWhateverThePassword() throws Exception {
        TestUser user = newUser();
        lockOut(user);

        assertInstanceOf(Rejected.class, signIn(user, user.password()));
        assertInstanceOf(Rejected.class, signIn(user, user.password() + "x"));
        assertRefused(PasswordReason.WRONG_OLD_PASSWORD, change(user, user.password(), password()));
    }
}
