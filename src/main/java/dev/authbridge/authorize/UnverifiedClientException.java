package dev.authbridge.authorize;

import dev.authbridge.error.DomainException;
import dev.authbridge.error.Problem;

/**
 * An authorization request whose client or redirect URI could not be verified — missing,
 * repeated, unknown, not registered — so there is nowhere safe to send an error: the person at
 * the browser is told on the error page, and nothing is redirected (RFC 6749 §4.1.2.1, RFC 9700
 * §4.1). The description is shown as is (escaped): it never repeats what the request sent.
 */
public class UnverifiedClientException extends DomainException {
    UnverifiedClientException(String description) {
        super(Problem.of(400, description));
    }
}
