package dev.authbridge.directory;

import dev.authbridge.config.Secret;
import dev.authbridge.config.TenantConfig;
import java.util.Optional;

/**
 * The directory port: the one place that knows where users and their roles come from.
 *
 * <p>Every method has three outcomes: an answer, a refusal (never an exception), or
 * {@link DirectoryUnavailableException} when the directory cannot be reached in time. An
 * unavailable directory is never a wrong password.
 *
 * <p>A password check is two steps, so that a caller can decide by the account between them
 * (the lockout counts failures per {@link Account#id()}, whatever spelling found it): {@link
 * #locate} searches, {@link #authenticate(Account, Secret)} binds.
 */
public interface Directory extends AutoCloseable {

    /**
     * The one entry a name designates, searched as the service account; no password is checked.
     * A name that cannot name anyone and an unknown tenant are {@link Account#none} without
     * asking the directory.
     */
    Account locate(LoginName login);

    /**
     * Checks the password of a located account by binding as it. An empty password is refused
     * before any bind: an LDAP bind with a DN and no password is an "unauthenticated bind" that
     * many servers accept. For an account not found the work is the same as for a wrong password
     * (a bind that cannot succeed, on the same connections), so that the time of the answer does
     * not tell whether the user exists; the answer is {@link RejectReason#UNKNOWN_USER}.
     */
    AuthResult authenticate(Account account, Secret password);

    /** Both steps at once, for callers with no decision to make between them (the doctor, tests). */
    default AuthResult authenticate(LoginName login, Secret password) {
        if (password == null || password.isEmpty()) {
            return new AuthResult.Rejected(RejectReason.EMPTY_PASSWORD);
        }
        return authenticate(locate(login), password);
    }

    /**
     * The one user whose {@code attribute} has {@code value} (AD's {@code userPrincipalName},
     * {@code mail}, {@code uid}…), for a sign-in proved by something other than a password (a
     * trusted issuer's assertion): searched as the service account in {@code tenant}'s subtree, or
     * among the users outside every tenant when {@code tenant} is null, with the value escaped
     * (never filter syntax).
     *
     * <p>The answer is the one a password sign-in with the right password would get: {@link
     * AuthResult.Authenticated} with the user and their roles, or {@link
     * AuthResult.AccountRestricted} for an account state the entry shows (disabled, expired,
     * locked, password to be changed: {@link AccountStates}). No entry is {@link
     * RejectReason#UNKNOWN_USER}, several {@link RejectReason#AMBIGUOUS_USER}; a value that
     * cannot name anyone, or a password attribute, is {@link RejectReason#MALFORMED_USER_NAME}
     * without asking the directory.
     */
    AuthResult lookUp(TenantConfig tenant, String attribute, String value);

    /**
     * Changes a located user's password, as the user, so that the directory checks the old
     * password and applies its password policy. This is the way out for a user whose password
     * has expired or must be changed after a reset: no token needed, the old password is the
     * proof.
     *
     * <p>An account not found, and a wrong old password, are one and the same refusal
     * ({@link PasswordReason#WRONG_OLD_PASSWORD}), after the same work; account states are only
     * told once the directory has shown the old password to be right.
     */
    PasswordChangeResult changePassword(Account account, Secret oldPassword, Secret newPassword);

    /** Both steps at once: {@link #locate}, then {@link #changePassword(Account, Secret, Secret)}. */
    default PasswordChangeResult changePassword(LoginName login, Secret oldPassword, Secret newPassword) {
        PasswordChangeResult pointless = PasswordChangeResult.pointless(oldPassword, newPassword);
        return pointless != null ? pointless : changePassword(locate(login), oldPassword, newPassword);
    }

    /** As {@link #changePassword(Account, Secret, Secret)}, for a signed-in user known by DN. */
    PasswordChangeResult changePassword(String userDn, Secret oldPassword, Secret newPassword);

    /** Reads a user again by DN (token checks, refresh); empty when the entry is gone. */
    Optional<DirectoryUser> findByDn(String dn);

    @Override
    void close();
}
