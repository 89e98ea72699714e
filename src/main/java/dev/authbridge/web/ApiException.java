package dev.authbridge.web;

import dev.authbridge.error.DomainException;
import dev.authbridge.error.Problem;
import java.util.Map;

/**
 * A request the HTTP edge refuses (a malformed body, a wrong media type, a refused CORS
 * preflight…), answered in the {@link ApiResponse} envelope. Thrown by routes, request parsers
 * and the front door; rendered only by {@link ErrorMapper}.
 */
public class ApiException extends DomainException {

    public ApiException(int status, String message) {
        super(Problem.of(status, message));
    }

    /** @param reason the envelope's {@code detail.reason}, beside {@code details} */
    public ApiException(int status, String reason, String message, Map<String, Object> details) {
        super(new Problem(status, reason, message, details));
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }
}
