package dev.authbridge.web;

import java.util.List;
import java.util.Map;

/**
 * A failure answered with the {@link ApiResponse} envelope. Thrown anywhere below the routes;
 * rendered only by {@link ErrorMapper}.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final Map<String, Object> detail;
    private final List<ApiResponse.ErrorResponse> errors;

    public ApiException(int status, String message, Map<String, Object> detail, List<ApiResponse.ErrorResponse> errors) {
        super(message, null, false, false);
        this.status = status;
        this.detail = detail;
        this.errors = errors;
    }

    public ApiException(int status, String message) {
        this(status, message, Map.of(), List.of());
    }

    public static ApiException unauthorized() {
        return new ApiException(401, "Unauthorized: a valid bearer access token is required");
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public int status() {
        return status;
    }

    public Map<String, Object> detail() {
        return detail;
    }

    public List<ApiResponse.ErrorResponse> errors() {
        return errors;
    }
}
