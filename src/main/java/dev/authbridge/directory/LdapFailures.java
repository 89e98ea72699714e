package dev.authbridge.directory;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.Set;

/**
 * Sorts LDAP result codes into "the user's credentials are wrong" (a refusal) and "the directory
 * failed" (503). Anything not known to be the user's fault counts as a directory failure, so a
 * broken or overloaded directory is never reported as a wrong password.
 */
final class LdapFailures {

    /** Bind results that mean: these credentials do not open this entry. */
    private static final Set<ResultCode> CREDENTIALS_REFUSED = Set.of(
            ResultCode.INVALID_CREDENTIALS,
            ResultCode.INAPPROPRIATE_AUTHENTICATION,
            ResultCode.INVALID_DN_SYNTAX,
            ResultCode.NO_SUCH_OBJECT);

    private LdapFailures() {}

    static boolean isCredentialRefusal(ResultCode code) {
        return CREDENTIALS_REFUSED.contains(code);
    }

    /**
     * Wraps a failure as a 503. The message names the step and the result code only: the SDK's
     * messages may quote request details, and a password must never reach a log.
     */
    static DirectoryUnavailableException unavailable(String step, LDAPException e) {
        return new DirectoryUnavailableException(
                "directory unavailable while " + step + ": " + e.getResultCode(), e);
    }

    /**
     * As {@link #unavailable(String, LDAPException)}, without the exception: for results of
     * binds and password changes, whose exceptions quote the request (and ApacheDS's diagnostic
     * messages echo password values).
     */
    static DirectoryUnavailableException unavailable(String step, ResultCode code) {
        return new DirectoryUnavailableException("directory unavailable while " + step + ": " + code, null);
    }
}
