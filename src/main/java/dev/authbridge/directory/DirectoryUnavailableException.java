package dev.authbridge.directory;

import com.unboundid.ldap.sdk.LDAPException;
import dev.authbridge.error.UnavailableException;

/** The directory could not be reached or did not answer in time: a 503, never a refusal. */
public class DirectoryUnavailableException extends UnavailableException {
    public DirectoryUnavailableException(String message, Throwable cause) {
        super("DIRECTORY_UNAVAILABLE", message, cause);
    }

    /** Why, in words fit for anyone: the LDAP result code's name, never a host or a request. */
    public String reason() {
        return getCause() instanceof LDAPException e
                ? "no answer (" + e.getResultCode().getName() + ")"
                : "no answer";
    }
}
