package dev.authbridge.web;

import java.util.List;
import java.util.Map;

/**
 * The vendor's response envelope: {@code status}, {@code data}, {@code errors}, {@code path}.
 * Success has {@code status.code} 0; a failure has the HTTP status there and one entry in
 * {@code errors} per problem.
 */
public record ApiResponse(ResponseStatus status, Object data, List<ErrorResponse> errors, String path) {

    public record ResponseStatus(int code, String message, Map<String, Object> detail) {}

    public record ErrorResponse(ResponseStatus status) {}

    public static ApiResponse ok(String path, Object data) {
        return new ApiResponse(new ResponseStatus(0, "OK", Map.of()), data == null ? Map.of() : data, List.of(), path);
    }

    public static ApiResponse failure(int httpStatus, String message, Map<String, Object> detail,
            List<ErrorResponse> errors, String path) {
        ResponseStatus status = new ResponseStatus(httpStatus, message, detail);
        List<ErrorResponse> all = errors.isEmpty() ? List.of(new ErrorResponse(status)) : errors;
        return new ApiResponse(status, Map.of(), all, path);
    }
}
