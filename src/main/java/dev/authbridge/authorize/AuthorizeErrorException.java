package dev.authbridge.authorize;

import dev.authbridge.error.DomainException;
import dev.authbridge.error.Problem;

/**
 * An authorization request refused with an error the client must see: answered by a redirect
 * to its validated {@code redirect_uri} with {@code error}, {@code error_description},
 * {@code state} and {@code iss} (RFC 6749 §4.1.2.1). Thrown only once the client and the
 * redirect URI are known to be registered; before that an {@link UnverifiedClientException} is
 * thrown, never a redirect.
 */
public class AuthorizeErrorException extends DomainException {
    private final String location;

    AuthorizeErrorException(String error, String description, String location) {
        super(Problem.of(302, error, description));
        this.location = location;
    }

    @Override
    public Answer answer() {
        return Answer.REDIRECT;
    }

    /** The RFC 6749 error code, e.g. {@code unsupported_response_type}. */
    public String error() {
        return problem().code();
    }

    /** The redirect URI with the error parameters. */
    @Override
    public String location() {
        return location;
    }
}
