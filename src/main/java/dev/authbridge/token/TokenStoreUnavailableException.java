package dev.authbridge.token;

/** The token store could not be read or written: a 503, never a 500. */
public class TokenStoreUnavailableException extends RuntimeException {
    public TokenStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
