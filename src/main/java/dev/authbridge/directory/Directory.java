package dev.authbridge.directory;

import dev.authbridge.config.Secret;
import java.util.Optional;

/**
 * The directory port: the one place that knows where users and their roles come from.
 *
 * <p>Every method has three outcomes: an answer, a refusal (never an exception), or
 * {@link DirectoryUnavailableException} when the directory cannot be reached in time. An
 * unavailable directory is never a wrong password.
 */
public interface Directory extends AutoCloseable {

    /**
     * Checks a user's password by binding as that user (search, then bind). An empty password
     * is refused before any bind: an LDAP bind with a DN and no password is an
     * "unauthenticated bind" that many servers accept.
     */
    AuthResult authenticate(LoginName login, Secret password);

    /**
     * Changes a user's password, as the user, so that the directory checks the old password and
     * applies its password policy. This is the way out for a user whose password has expired or
     * must be changed after a reset: no token needed, the old password is the proof.
     *
     * <p>A name that designates no one, and a wrong old password, are one and the same refusal
     * ({@link PasswordReason#WRONG_OLD_PASSWORD}); account states are only told once the
     * directory has shown the old password to be right.
     */
    PasswordChangeResult changePassword(LoginName login, Secret oldPassword, Secret newPassword);

    /** As {@link #changePassword(LoginName, Secret, Secret)}, for a signed-in user known by DN. */
    PasswordChangeResult changePassword(String userDn, Secret oldPassword, Secret newPassword);

    /** Reads a user again by DN (token checks, refresh); empty when the entry is gone. */
    Optional<DirectoryUser> findByDn(String dn);

    @Override
    void close();
}
