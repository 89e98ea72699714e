package dev.authbridge.store;

import dev.authbridge.error.UnavailableException;

/** The store could not be read or written: a 503, never a 500. */
public class StoreUnavailableException extends UnavailableException {
    private static final String UNKNOWN = "the store does not answer";

    private final String reason;

    public StoreUnavailableException(String message, Throwable cause) {
        this(message, cause, UNKNOWN);
    }

    /** @param reason what {@link #reason()} says */
    public StoreUnavailableException(String message, Throwable cause, String reason) {
        super("STORE_UNAVAILABLE", message, cause);
        this.reason = reason == null ? UNKNOWN : reason;
    }

    /**
     * Why, in words fit for anyone (the readiness probe is unauthenticated): what the engine's
     * code means ({@link Dialect#reason}) and the code, never a host, a path, a statement or a value.
     */
    public String reason() {
        return reason;
    }
}
