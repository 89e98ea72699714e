package dev.authbridge.authorize;

/**
 * An authorization request refused with an error the client must see: answered by a redirect
 * to its validated {@code redirect_uri} with {@code error}, {@code error_description},
 * {@code state} and {@code iss} (RFC 6749 §4.1.2.1). Thrown only once the client and the
 * redirect URI are known to be registered; before that a {@code PageException} is thrown, never
 * a redirect. Rendered by {@code ErrorMapper}.
 */
public class AuthorizeErrorException extends RuntimeException {
    private final String error;
    private final String location;

    AuthorizeErrorException(String error, String description, String location) {
        super(description, null, false, false);
        this.error = error;
        this.location = location;
    }

    /** The RFC 6749 error code, e.g. {@code unsupported_response_type}. */
    public String error() {
        return error;
    }

    /** The redirect URI with the error parameters. */
    public String location() {
        return location;
    }
}
