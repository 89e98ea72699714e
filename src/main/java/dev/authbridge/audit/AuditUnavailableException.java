package dev.authbridge.audit;

import dev.authbridge.error.UnavailableException;

/**
 * An event that must be on record before what it describes happens (a token issued) could not
 * be written, and the audit log is configured fail-closed ({@code audit.failClosed}): a 503,
 * and the token is not handed out.
 */
public class AuditUnavailableException extends UnavailableException {
    public AuditUnavailableException(String message) {
        super("AUDIT_UNAVAILABLE", message, null);
    }
}
