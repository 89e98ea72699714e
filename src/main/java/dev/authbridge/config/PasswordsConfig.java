package dev.authbridge.config;

/**
 * Password changes ({@code passwords}).
 *
 * @param changeStrategy how the directory is asked to change a password; {@code AUTO} reads the
 *     directory's root DSE
 * @param revokeOtherSessionsOnChange after a change, end the user's other tokens and browser
 *     sessions (the caller's own token stays)
 */
public record PasswordsConfig(PasswordChangeStrategy changeStrategy, boolean revokeOtherSessionsOnChange) {

    public static final PasswordsConfig DEFAULTS = new PasswordsConfig(PasswordChangeStrategy.AUTO, true);
}
