package dev.authbridge.token;

import dev.authbridge.error.DomainException;
import dev.authbridge.error.Problem;

/**
 * A bearer access token that speaks for nobody: missing, unknown, expired, revoked, or its user
 * is gone from the directory. A 401 that asks the caller to sign in again (RFC 6750 §3.1).
 */
public class InvalidTokenException extends DomainException {
    private static final Problem PROBLEM = Problem.of(401, "Unauthorized: a valid bearer access token is required");

    public InvalidTokenException() {
        super(PROBLEM);
    }
}
