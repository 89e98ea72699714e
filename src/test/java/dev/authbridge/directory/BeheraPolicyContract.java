package dev.authbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.directory.AuthResult.AccountRestricted;
import dev.authbridge.directory.AuthResult.Authenticated;
import dev.authbridge.directory.AuthResult.AuthenticatedWithWarning;
import dev.authbridge.directory.PasswordChangeResult.Changed;
import dev.authbridge.directory.PasswordChangeResult.Refused;
import dev.authbridge.directory.PasswordWarning.ExpiresSoon;
import dev.authbridge.directory.PasswordWarning.GraceLoginsRemaining;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What the servers implementing draft-behera-ldap-password-policy (OpenLDAP's ppolicy overlay,
 * ApacheDS) add: warnings with a successful bind (time before expiry, grace sign-ins left) and a
 * policy that forbids users to change their own password.
 */
abstract class BeheraPolicyContract extends PasswordPolicyContract {

    /** The warning window of the user's policy before expiry. */
    static final Duration EXPIRE_WARNING = Duration.ofHours(1);

    /** The user's password expired under a policy allowing two grace sign-ins, none used yet. */
    protected abstract void expireWithGraceSignIns(TestUser user) throws Exception;

    /** The user's password expires in {@code remaining} (less than {@link #EXPIRE_WARNING}). */
    protected abstract void expireIn(TestUser user, Duration remaining) throws Exception;

    /** The user's policy no longer lets users change their own password. */
    protected abstract void forbidUserChange(TestUser user) throws Exception;

    @Override
    protected boolean expiredPasswordChangeableWithoutSignIn() {
        return false;
    }

    @Override
    protected boolean lookUpSeesExpiredPasswords() {
        return false;
    }

    @Test
    void authenticateWhenExpiredWithGraceSignInsThenWarnedHowManyRemainThenExpired() throws Exception {
        TestUser user = newUser();
        expireWithGraceSignIns(user);

        AuthenticatedWithWarning first = assertInstanceOf(AuthenticatedWithWarning.class, signIn(user, user.password()));
        assertEquals(new GraceLoginsRemaining(1), first.warning());
        assertEquals(user.dn().toLowerCase(), first.user().dn().toLowerCase());
        AuthenticatedWithWarning last = assertInstanceOf(AuthenticatedWithWarning.class, signIn(user, user.password()));
        assertEquals(new GraceLoginsRemaining(0), last.warning());
        AccountRestricted expired = assertInstanceOf(AccountRestricted.class, signIn(user, user.password()));
        assertEquals(PasswordReason.PASSWORD_EXPIRED, expired.reason());
    }

    @Test
    void changePasswordWhenExpiredWithGraceThenRefusalSaysGraceLeftAndChangeWorks() throws Exception {
        TestUser user = newUser();
        String chosen = password();
        expireWithGraceSignIns(user);

        Refused tooShort = assertInstanceOf(Refused.class, change(user, user.password(), "Q7!x"));
        assertEquals(PasswordReason.PASSWORD_TOO_SHORT, tooShort.reason());
        assertEquals(new GraceLoginsRemaining(1), tooShort.warning());

        assertInstanceOf(Changed.class, change(user, user.password(), chosen));
        assertInstanceOf(Authenticated.class, signIn(user, chosen));
    }

    @Test
    void authenticateWhenPasswordExpiresSoonThenWarnedWithTimeLeft() throws Exception {
        TestUser user = newUser();
        expireIn(user, Duration.ofMinutes(10));

        AuthenticatedWithWarning warned = assertInstanceOf(AuthenticatedWithWarning.class, signIn(user, user.password()));

        Duration left = assertInstanceOf(ExpiresSoon.class, warned.warning()).remaining();
        assertTrue(left.compareTo(Duration.ofMinutes(8)) > 0 && left.compareTo(Duration.ofMinutes(10)) <= 0,
                left.toString());
    }

    @Test
    void changePasswordWhenPolicyForbidsUsersToThenPasswordModNotAllowed() throws Exception {
        TestUser user = newUser();
        forbidUserChange(user);

        assertRefused(PasswordReason.PASSWORD_MOD_NOT_ALLOWED, change(user, user.password(), password()));

        assertInstanceOf(Authenticated.class, signIn(user, user.password()));
    }
}
