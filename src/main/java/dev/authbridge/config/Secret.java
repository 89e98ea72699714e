package dev.authbridge.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A secret value (password, client secret) that never prints itself: {@code toString()} is
 * {@code ****}, so a secret cannot leak through a log line, an exception message or a record's
 * generated {@code toString}.
 */
public final class Secret implements ClientSecret {
    private final String value;

    public Secret(String value) {
        this.value = value == null ? "" : value;
    }

    /** The raw value; call only where the secret is actually used (a bind, a comparison). */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** Constant-time comparison, so response timing tells nothing about the secret. */
    @Override
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "****";
    }
}
