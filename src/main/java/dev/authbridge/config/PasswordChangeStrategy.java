package dev.authbridge.config;

import java.util.Locale;

/**
 * How a password change is made in the directory ({@code directory.passwordChange}). Every
 * strategy changes the password as the user, so the directory's own policy (length, history,
 * minimum age…) applies and the old password is checked by the directory.
 */
public enum PasswordChangeStrategy {
    /** Chosen from the directory's root DSE at the first change (see the README). */
    AUTO("auto"),
    /** The Password Modify extended operation (RFC 3062), bound as the user. */
    PASSWORD_MODIFY("passwordModify"),
    /** A modify of {@code userPassword} as the user: delete the old value, add the new one. */
    MODIFY("modify"),
    /**
     * A modify replacing {@code userPassword}, as the user, on the connection whose bind just
     * proved the old password: for servers that treat the delete of the old value as removing
     * the password and its policy state (ApacheDS forgets the history).
     */
    REPLACE("replace"),
    /** Active Directory: delete and add of {@code unicodePwd} (quoted UTF-16LE), over TLS. */
    ACTIVE_DIRECTORY("activeDirectory");

    private final String configName;

    PasswordChangeStrategy(String configName) {
        this.configName = configName;
    }

    /** The name used in the configuration file. */
    public String configName() {
        return configName;
    }

    /** Parses a configuration value, case-insensitively. */
    public static PasswordChangeStrategy parse(String value) {
        for (PasswordChangeStrategy s : values()) {
            if (s.configName.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException(value);
    }
}
