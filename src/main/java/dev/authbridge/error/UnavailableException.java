package dev.authbridge.error;

import java.util.Map;

/**
 * Something authbridge needs — the directory, the store, the audit log — cannot answer now: 503
 * "Service unavailable" with the reason as the code, and a hint to try again in a few seconds.
 * Never a refusal (a wrong password), never a 500.
 */
public class UnavailableException extends DomainException {
    /** What the caller is told to wait before trying again. */
    static final long RETRY_AFTER_SECONDS = 5;

    /**
     * @param reason the code, for example {@code DIRECTORY_UNAVAILABLE}
     * @param message for the log: what failed (never a secret)
     */
    protected UnavailableException(String reason, String message, Throwable cause) {
        super(new Problem(503, reason, "Service unavailable", Map.of()), message, cause);
    }

    @Override
    public long retryAfterSeconds() {
        return RETRY_AFTER_SECONDS;
    }
}
