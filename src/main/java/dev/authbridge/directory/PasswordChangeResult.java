package dev.authbridge.directory;

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
}
