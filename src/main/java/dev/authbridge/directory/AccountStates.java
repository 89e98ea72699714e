package dev.authbridge.directory;

import com.unboundid.ldap.sdk.Entry;
import java.time.Instant;

/**
 * Reads an account's state from its entry, for a sign-in that proves who the user is without a
 * password ({@link Directory#lookUp}): no bind tells the state then, so the attributes that a
 * bind would have consulted are read instead, as the service account.
 *
 * <ul>
 *   <li>Active Directory (Windows and Samba): {@code userAccountControl} ACCOUNTDISABLE (0x2);
 *       {@code accountExpires} in the past; the constructed
 *       {@code msDS-User-Account-Control-Computed} LOCKOUT (0x10) and PASSWORD_EXPIRED
 *       (0x800000), which apply the domain's lockout duration and maximum age; {@code pwdLastSet}
 *       0 ("must change password at next logon").
 *   <li>draft-behera servers (OpenLDAP's ppolicy, ApacheDS): {@code pwdAccountLockedTime}
 *       (locked by failures or by an administrator) and {@code pwdReset} TRUE (must change after
 *       a reset). A password past the policy's maximum age is not seen: the policy's
 *       {@code pwdMaxAge} is not the user's to read, and the server only tells it to a bind.
 * </ul>
 *
 * <p>Attributes a server does not have are simply absent from the entry: asking for them costs
 * nothing and means nothing.
 */
final class AccountStates {
    static final String USER_ACCOUNT_CONTROL = "userAccountControl";
    static final String USER_ACCOUNT_CONTROL_COMPUTED = "msDS-User-Account-Control-Computed";
    static final String ACCOUNT_EXPIRES = "accountExpires";
    static final String PWD_LAST_SET = "pwdLastSet";
    static final String PWD_ACCOUNT_LOCKED_TIME = "pwdAccountLockedTime";
    static final String PWD_RESET = "pwdReset";

    /** What {@link #of} reads; operational attributes are only returned when asked for by name. */
    static final String[] ATTRIBUTES = {USER_ACCOUNT_CONTROL, USER_ACCOUNT_CONTROL_COMPUTED, ACCOUNT_EXPIRES,
            PWD_LAST_SET, PWD_ACCOUNT_LOCKED_TIME, PWD_RESET};

    private static final long UF_ACCOUNTDISABLE = 0x2;
    private static final long UF_LOCKOUT = 0x10;
    private static final long UF_PASSWORD_EXPIRED = 0x800000;
    /** {@code accountExpires} values meaning "never" (MS-ADA1 §2.5). */
    private static final long NEVER = 0x7FFFFFFFFFFFFFFFL;
    /** 100-ns intervals between 1601-01-01 (Windows FILETIME) and 1970-01-01. */
    private static final long FILETIME_EPOCH_OFFSET = 116_444_736_000_000_000L;

    private AccountStates() {}

    /** The account state that keeps the user from signing in, in the order a bind reports them; null when none. */
    static PasswordReason of(Entry entry, Instant now) {
        if ((flags(entry, USER_ACCOUNT_CONTROL) & UF_ACCOUNTDISABLE) != 0) {
            return PasswordReason.ACCOUNT_DISABLED;
        }
        if (accountExpired(entry.getAttributeValue(ACCOUNT_EXPIRES), now)) {
            return PasswordReason.ACCOUNT_EXPIRED;
        }
        long computed = flags(entry, USER_ACCOUNT_CONTROL_COMPUTED);
        if ((computed & UF_LOCKOUT) != 0 || entry.hasAttribute(PWD_ACCOUNT_LOCKED_TIME)) {
            return PasswordReason.ACCOUNT_LOCKED;
        }
        // Before the expiry bit, which Active Directory also sets for pwdLastSet 0 (a bind says 773 then).
        if ("0".equals(entry.getAttributeValue(PWD_LAST_SET)) || "TRUE".equalsIgnoreCase(entry.getAttributeValue(PWD_RESET))) {
            return PasswordReason.CHANGE_AFTER_RESET;
        }
        if ((computed & UF_PASSWORD_EXPIRED) != 0) {
            return PasswordReason.PASSWORD_EXPIRED;
        }
        return null;
    }

    private static long flags(Entry entry, String attribute) {
        String value = entry.getAttributeValue(attribute);
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean accountExpired(String fileTime, Instant now) {
        if (fileTime == null) {
            return false;
        }
        long value;
        try {
            value = Long.parseLong(fileTime.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (value <= 0 || value == NEVER) {
            return false;
        }
        long unixMillis = (value - FILETIME_EPOCH_OFFSET) / 10_000;
        return !now.isBefore(Instant.ofEpochMilli(unixMillis));
    }
}
