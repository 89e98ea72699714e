package dev.authbridge.ops;

import dev.authbridge.error.DomainException;
import dev.authbridge.error.Problem;

/**
 * The ops API refused the caller: 401 {@code UNAUTHORIZED} (with a {@code WWW-Authenticate:
 * Basic} challenge), the same answer for a missing header, a wrong name or password and a
 * lockout (which adds {@code Retry-After}): it tells nothing about which.
 */
public class OpsUnauthorizedException extends DomainException {
    private final long retryAfterSeconds;

    OpsUnauthorizedException(long retryAfterSeconds) {
        super(Problem.of(401, "UNAUTHORIZED", "Operator credentials required (HTTP Basic)"));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
