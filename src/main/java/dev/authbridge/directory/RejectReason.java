package dev.authbridge.directory;

import java.util.Locale;

/**
 * Why the directory refused credentials ({@link AuthResult.Rejected}). Never told to the caller
 * (every refusal looks the same from outside); written to the audit log as {@link #code()}.
 */
public enum RejectReason {
    /** Refused before any bind: an empty password would be an unauthenticated bind (RFC 4513 §5.1.2). */
    EMPTY_PASSWORD,
    /** A name that cannot name anyone ({@link PlausibleNames}); the directory was not asked. */
    MALFORMED_USER_NAME,
    /** No tenant has the typed domain; the directory was not asked. */
    UNKNOWN_TENANT,
    /** No entry has the name. */
    UNKNOWN_USER,
    /** More than one entry has the value looked up ({@link Directory#lookUp}): none of them is the user. */
    AMBIGUOUS_USER,
    /** The entry was found and the bind refused the password. */
    WRONG_PASSWORD,
    /** The directory says the account is locked, whatever the password (told to no one). */
    LOCKED_IN_DIRECTORY;

    /** The audit log's reason code: {@code wrong_password}, {@code unknown_user}… */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
