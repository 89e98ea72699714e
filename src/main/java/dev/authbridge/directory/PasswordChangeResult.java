package dev.authbridge.directory;

import dev.authbridge.config.Secret;

/**
 * The answer to a password change: made, or refused with a reason from the one vocabulary. A
 * directory that cannot be asked is {@link DirectoryUnavailableException}, never a refusal.
 */
public sealed interface PasswordChangeResult {

    /**
     * The directory took the new password.
     *
     * @param userId the user's stable id (as in {@link DirectoryUser#id()}), to end their other
     *     sign-ins; {@code null} when the entry has none
     */
    record Changed(String userDn, String userId) implements PasswordChangeResult {}

    /**
     * @param warning what the directory said when the old password was checked (e.g. grace
     *     sign-ins left), or {@code null}
     */
    record Refused(PasswordReason reason, PasswordWarning warning) implements PasswordChangeResult {
        public Refused(PasswordReason reason) {
            this(reason, null);
        }
    }

    /**
     * The refusal of a change that needs no directory, or null: an empty old password would be
     * an unauthenticated bind (RFC 4513 §5.1.2); an empty new one asks Password Modify to make
     * up a password (RFC 3062 §2) nobody would be told.
     */
    static Refused pointless(Secret oldPassword, Secret newPassword) {
        if (oldPassword == null || oldPassword.isEmpty()) {
            return new Refused(PasswordReason.WRONG_OLD_PASSWORD);
        }
        if (newPassword == null || newPassword.isEmpty()) {
            return new Refused(PasswordReason.PASSWORD_TOO_SHORT);
        }
        return null;
    }
}
