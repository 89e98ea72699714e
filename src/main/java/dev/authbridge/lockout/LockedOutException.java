package dev.authbridge.lockout;

/**
 * A sign-in refused, without asking the directory, because the user name or the client address
 * is locked out. Carries only the time to wait ({@code Retry-After}): callers answer with their
 * usual generic refusal, so the answer does not say which key is locked or whether the user
 * exists.
 */
public class LockedOutException extends RuntimeException {
    private final long retryAfterSeconds;

    public LockedOutException(long retryAfterSeconds) {
        super("too many failed sign-ins; try again later", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Whole seconds until sign-ins are accepted again (at least 1). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
