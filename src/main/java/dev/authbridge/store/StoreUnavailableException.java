package dev.authbridge.store;

/** The SQLite store could not be read or written: a 503, never a 500. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
