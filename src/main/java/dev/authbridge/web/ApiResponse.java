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

    /** @param status the HTTP status in {@code code}, with the failure's message and detail */
    public static ApiResponse failure(ResponseStatus status, List<ErrorResponse> errors, String path) {
        return new ApiResponse(status, Map.of(), errors, path);
    }
}
