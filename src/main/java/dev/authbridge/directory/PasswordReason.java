package dev.authbridge.directory;

/**
 * Why a directory refused a sign-in or a password change, in one vocabulary for every directory
 * (OpenLDAP's and ApacheDS's password-policy control, Active Directory's sub-codes and
 * constraint violations). The names are the API's {@code detail.reason} codes; the messages are
 * what a user reads.
 *
 * <p>Account states ({@link #isAccountState()}) are only ever reported once the directory has
 * shown the password to be right; before that every refusal is {@link #WRONG_OLD_PASSWORD} or,
 * for sign-ins, a generic "bad credentials".
 */
public enum PasswordReason {
    // ---- account states: the password is right, but the account may not sign in as it is
    PASSWORD_EXPIRED(true, "The password has expired and must be changed."),
    CHANGE_AFTER_RESET(true, "The password was reset by an administrator and must be changed before signing in."),
    ACCOUNT_LOCKED(true, "The account is locked."),
    ACCOUNT_DISABLED(true, "The account is disabled."),
    ACCOUNT_EXPIRED(true, "The account has expired."),
    SIGN_IN_HOURS_RESTRICTED(true, "Signing in is not permitted at this time of day."),
    WORKSTATION_RESTRICTED(true, "Signing in is not permitted from this computer."),

    // ---- refusals of a change
    WRONG_OLD_PASSWORD(false, "The user name or the old password is not correct."),
    PASSWORD_TOO_SHORT(false, "The new password is too short."),
    INSUFFICIENT_QUALITY(false, "The new password is not complex enough."),
    PASSWORD_TOO_YOUNG(false, "The password was changed too recently to be changed again yet."),
    PASSWORD_IN_HISTORY(false, "The new password was used before: choose one not used recently."),
    MUST_SUPPLY_OLD_PASSWORD(false, "The directory requires the old password to change it."),
    PASSWORD_MOD_NOT_ALLOWED(false, "The directory does not allow this user to change the password."),
    /** Active Directory's 0000052D: it does not say which rule the new password broke. */
    PASSWORD_POLICY_VIOLATION(false,
            "The new password does not meet the password policy (length, complexity, history or minimum age).");

    private final boolean accountState;
    private final String message;

    PasswordReason(boolean accountState, String message) {
        this.accountState = accountState;
        this.message = message;
    }

    /** An account state rather than a refusal of a particular new password. */
    public boolean isAccountState() {
        return accountState;
    }

    /** States a user can leave by changing the password (without a token, old password in hand). */
    public boolean mustChangePassword() {
        return this == PASSWORD_EXPIRED || this == CHANGE_AFTER_RESET;
    }

    /** One sentence for the user, in English. */
    public String message() {
        return message;
    }
}
