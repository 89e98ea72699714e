package dev.authbridge.oauth;

import dev.authbridge.error.DomainException;
import dev.authbridge.error.Problem;

/**
 * An OAuth protocol error of the client-authenticated endpoints, answered as RFC 6749 §5.2
 * specifies: {@code {"error": "...", "error_description": "..."}}, 400 (401 for {@code
 * invalid_client}).
 */
public class OAuthException extends DomainException {
    private final long retryAfterSeconds;

    public OAuthException(int status, String error, String description) {
        this(status, error, description, 0);
    }

    private OAuthException(int status, String error, String description, long retryAfterSeconds) {
        super(Problem.of(status, error, description));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * {@code invalid_grant} for a sign-in refused during a lockout, with {@code Retry-After}
     * (RFC 9110 §10.2.3): the same error and description as wrong credentials.
     */
    public static OAuthException throttled(String description, long retryAfterSeconds) {
        return new OAuthException(400, "invalid_grant", description, Math.max(1, retryAfterSeconds));
    }

    @Override
    public Answer answer() {
        return Answer.OAUTH;
    }

    /** Seconds for a {@code Retry-After} header; 0 for none. */
    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description);
    }

    /** RFC 6749 §5.2: 401 with a {@code WWW-Authenticate} header. */
    public static OAuthException invalidClient(String description) {
        return new OAuthException(401, "invalid_client", description);
    }

    /**
     * {@code invalid_client} for a client refused during a lockout (RFC 6749 §2.3.1), with
     * {@code Retry-After}: the same error and description as a wrong secret.
     */
    public static OAuthException invalidClientThrottled(String description, long retryAfterSeconds) {
        return new OAuthException(401, "invalid_client", description, Math.max(1, retryAfterSeconds));
    }

    public static OAuthException invalidGrant(String description) {
        return new OAuthException(400, "invalid_grant", description);
    }

    public static OAuthException unauthorizedClient(String description) {
        return new OAuthException(400, "unauthorized_client", description);
    }

    public static OAuthException unsupportedGrantType(String description) {
        return new OAuthException(400, "unsupported_grant_type", description);
    }

    /**
     * RFC 8693 §2.2.2: the token exchange names a target ({@code audience}, {@code resource}) the
     * server will not or cannot issue a token for.
     */
    public static OAuthException invalidTarget(String description) {
        return new OAuthException(400, "invalid_target", description);
    }

    public static OAuthException invalidScope(String description) {
        return new OAuthException(400, "invalid_scope", description);
    }

    public int status() {
        return problem().status();
    }

    /** The RFC 6749 error code. */
    public String error() {
        return problem().code();
    }
}
