package dev.authbridge.directory;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Active Directory's answers (Windows and Samba alike), which carry their meaning in the
 * diagnostic message rather than in a control.
 *
 * <p>A refused bind says {@code ... AcceptSecurityContext error, data 532, v1db1}: the "data"
 * sub-code is a Windows error. 525 (no such user) and 52e (wrong password) are plain refusals.
 * 530, 531, 532, 533, 701 and 773 are only sent when the password was right, so they are
 * account states we may reveal. 775 (locked out) is sent whatever password was typed, so it
 * stays a plain refusal.
 *
 * <p>A refused password change is a constraint violation whose message starts with a Windows
 * error code: 00000056 (the old password is wrong), 0000052D (the new one breaks the policy;
 * Windows does not say which rule, Samba adds a sentence that does), 00000775 (locked out).
 */
final class ActiveDirectoryCodes {

    private static final Pattern BIND_SUB_CODE =
            Pattern.compile("AcceptSecurityContext error, data ([0-9a-fA-F]{3,8})");
    private static final Pattern CHANGE_CODE = Pattern.compile("^\\s*([0-9a-fA-F]{8}):");

    private ActiveDirectoryCodes() {}

    /** What a bind's sub-code says. */
    enum BindCode {
        /** No AD sub-code, or one that just means "wrong name or password". */
        REFUSED(null),
        /** 775: locked out, said whatever the password; not to be revealed. */
        LOCKED_UNPROVEN(null),
        LOGON_HOURS(PasswordReason.SIGN_IN_HOURS_RESTRICTED),
        WORKSTATION(PasswordReason.WORKSTATION_RESTRICTED),
        PASSWORD_EXPIRED(PasswordReason.PASSWORD_EXPIRED),
        DISABLED(PasswordReason.ACCOUNT_DISABLED),
        ACCOUNT_EXPIRED(PasswordReason.ACCOUNT_EXPIRED),
        MUST_CHANGE(PasswordReason.CHANGE_AFTER_RESET);

        /** The account state, for codes sent only with the right password; else null. */
        final PasswordReason provenState;

        BindCode(PasswordReason provenState) {
            this.provenState = provenState;
        }
    }

    static BindCode bindCode(String diagnosticMessage) {
        if (diagnosticMessage == null) {
            return BindCode.REFUSED;
        }
        Matcher m = BIND_SUB_CODE.matcher(diagnosticMessage);
        if (!m.find()) {
            return BindCode.REFUSED;
        }
        return switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "530" -> BindCode.LOGON_HOURS;
            case "531" -> BindCode.WORKSTATION;
            case "532" -> BindCode.PASSWORD_EXPIRED;
            case "533" -> BindCode.DISABLED;
            case "701" -> BindCode.ACCOUNT_EXPIRED;
            case "773" -> BindCode.MUST_CHANGE;
            case "775" -> BindCode.LOCKED_UNPROVEN;
            default -> BindCode.REFUSED; // 525, 52e, and anything not known to be a state
        };
    }

    /**
     * The reason a {@code unicodePwd} change was refused, or {@code null} when the message is not
     * one of Active Directory's password-change errors.
     */
    static PasswordReason changeRefusal(String diagnosticMessage) {
        if (diagnosticMessage == null) {
            return null;
        }
        Matcher m = CHANGE_CODE.matcher(diagnosticMessage);
        if (!m.find()) {
            return null;
        }
        return switch (m.group(1).toUpperCase(Locale.ROOT)) {
            case "00000056" -> PasswordReason.WRONG_OLD_PASSWORD;
            case "00000775" -> PasswordReason.ACCOUNT_LOCKED;
            case "0000052D" -> policyRule(diagnosticMessage.toLowerCase(Locale.ROOT));
            default -> null;
        };
    }

    /** Samba names the rule (check_password_restrictions); Windows does not. */
    private static PasswordReason policyRule(String message) {
        if (message.contains("too short")) {
            return PasswordReason.PASSWORD_TOO_SHORT;
        }
        if (message.contains("complexity")) {
            return PasswordReason.INSUFFICIENT_QUALITY;
        }
        if (message.contains("already used")) {
            // "(in history)" and "(previous password)": the current one counts as used
            return PasswordReason.PASSWORD_IN_HISTORY;
        }
        if (message.contains("too young")) {
            return PasswordReason.PASSWORD_TOO_YOUNG;
        }
        if (message.contains("changes disabled") || message.contains("can't be changed")) {
            return PasswordReason.PASSWORD_MOD_NOT_ALLOWED;
        }
        if (message.contains("provide the old password")) {
            return PasswordReason.MUST_SUPPLY_OLD_PASSWORD;
        }
        return PasswordReason.PASSWORD_POLICY_VIOLATION;
    }

    /** {@code 0000001F}: Active Directory will not change a password over an unencrypted connection. */
    static boolean isUnencryptedRefusal(String diagnosticMessage) {
        return diagnosticMessage != null && diagnosticMessage.trim().toUpperCase(Locale.ROOT).startsWith("0000001F");
    }
}
