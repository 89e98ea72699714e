package dev.authbridge.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What went wrong, as a value. Every exception thrown for a caller to see carries one ({@link
 * DomainException}); only {@code web.ErrorMapper} turns it into a response, in the shape the
 * exception's {@link DomainException#answer()} names.
 *
 * @param status the HTTP status of the answer (RFC 9110 §15); the envelope repeats it as {@code
 *     status.code}
 * @param code what a program reads: the RFC 6749 {@code error} of an OAuth problem ({@code
 *     invalid_grant}), the envelope's {@code detail.reason} of any other ({@code
 *     STORE_UNAVAILABLE}); null when there is none
 * @param description what a person reads ({@code error_description}, {@code status.message}, the
 *     error page's text): authbridge's own words, never a secret nor a value the caller sent
 * @param details more facts for programs, in the envelope's {@code detail} beside {@code reason}
 */
public record Problem(int status, String code, String description, Map<String, Object> details) {

    public Problem {
        Objects.requireNonNull(description, "description");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A problem without a code or details. */
    public static Problem of(int status, String description) {
        return new Problem(status, null, description, Map.of());
    }

    /** A problem with a code and no details. */
    public static Problem of(int status, String code, String description) {
        return new Problem(status, code, description, Map.of());
    }
}
