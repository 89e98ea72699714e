package dev.authbridge.authorize;

import dev.authbridge.error.DomainException;
import dev.authbridge.error.Problem;

/**
 * A sign-in without a page ({@code Authorization: Basic} at {@code /oauth/authorize}) refused:
 * 401 with the page's message — the generic one for every wrong user or password, the account's
 * state only once the password proved right — and during a lockout the time to wait.
 */
public class SignInRefusedException extends DomainException {
    private final long retryAfterSeconds;

    SignInRefusedException(String message, long retryAfterSeconds) {
        super(Problem.of(401, message));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
