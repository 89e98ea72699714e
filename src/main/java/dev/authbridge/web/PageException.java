package dev.authbridge.web;

/**
 * A failure of a browser page answered with the HTML error page instead of JSON: for example an
 * unknown client or an unregistered redirect URI at {@code /oauth/authorize}, where redirecting
 * would make authbridge an open redirector (RFC 6749 §4.1.2.1). Rendered only by {@link
 * ErrorMapper}. The message is shown to the user (escaped): it must not contain secrets.
 *
 * @param challenge a {@code WWW-Authenticate} value to send with a 401, or null
 */
public class PageException extends RuntimeException {
    private final int status;
    private final String challenge;

    public PageException(int status, String message, String challenge) {
        super(message, null, false, false);
        this.status = status;
        this.challenge = challenge;
    }

    public PageException(int status, String message) {
        this(status, message, null);
    }

    public int status() {
        return status;
    }

    public String challenge() {
        return challenge;
    }
}
