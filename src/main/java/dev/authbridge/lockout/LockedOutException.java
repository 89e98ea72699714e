package dev.authbridge.lockout;

import dev.authbridge.error.DomainException;
import dev.authbridge.error.Problem;

/**
 * A sign-in refused, without asking the directory, because the user name or the client address
 * is locked out. Carries only the time to wait ({@code Retry-After}): callers answer with their
 * usual generic refusal, so the answer does not say which key is locked or whether the user
 * exists. Where a caller does not, the answer is a generic 429 {@code LOCKED_OUT}.
 */
public class LockedOutException extends DomainException {
    private static final Problem PROBLEM = Problem.of(429, "LOCKED_OUT", "Too many failed sign-ins: try again later");

    private final long retryAfterSeconds;

    public LockedOutException(long retryAfterSeconds) {
        super(PROBLEM, "too many failed sign-ins; try again later", null);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Whole seconds until sign-ins are accepted again (at least 1). */
    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
