package dev.authbridge.password;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.config.Secret;
import dev.authbridge.web.ApiException;
import dev.authbridge.web.JsonContent;

/**
 * The body of {@code POST /change-password}, parsed once at the edge:
 * <code>{"data": {"oldPassword": "…", "newPassword": "…", "userName": "…"}, "operationId": "…"}</code>.
 * Unknown fields are ignored (vendor clients add their own); anything else that is not this shape
 * is a 400 whose message never quotes the body.
 *
 * @param userName as typed (<code>tenant&#92;user</code>), or {@code null} when absent or empty
 * @param operationId echoed in the response, or {@code null}
 */
public record ChangePasswordRequest(Secret oldPassword, Secret newPassword, String userName, String operationId) {

    /** Longer passwords are refused before any directory sees them (AD's limit is 256). */
    static final int MAX_PASSWORD_LENGTH = 512;
    /** Room for a tenant domain, a backslash and the longest user name we look up. */
    static final int MAX_USER_NAME_LENGTH = 1024;
    static final int MAX_OPERATION_ID_LENGTH = 256;

    /**
     * @param withToken whether a bearer token names the user; without one, {@code userName} must
     * @throws ApiException 400 when the body is not a change-password request
     */
    public static ChangePasswordRequest parse(String body, boolean withToken) {
        // Jackson's messages quote the input, passwords included: JsonContent never does.
        JsonNode root = JsonContent.object(body, "{\"data\": {\"oldPassword\": …, \"newPassword\": …}}");
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw ApiException.badRequest("data is required: an object with oldPassword and newPassword");
        }
        String oldPassword = password(data, "oldPassword");
        String newPassword = password(data, "newPassword");
        if (newPassword.codePoints().anyMatch(ChangePasswordRequest::isControl)) {
            throw ApiException.badRequest("data.newPassword must not contain control characters");
        }
        String userName = text(data, "userName", MAX_USER_NAME_LENGTH, "data.userName");
        String operationId = text(root, "operationId", MAX_OPERATION_ID_LENGTH, "operationId");
        if (!withToken && (userName == null || userName.isEmpty())) {
            throw ApiException.badRequest("data.userName is required without a bearer token");
        }
        return new ChangePasswordRequest(new Secret(oldPassword), new Secret(newPassword),
                userName == null || userName.isEmpty() ? null : userName, operationId);
    }

    /**
     * A required password field. Absent (or JSON null) is a malformed request; an empty string is
     * a password, answered as the directory's would be: an empty old one is a wrong old password
     * (403, counted like any wrong guess), an empty new one too short (403).
     */
    private static String password(JsonNode data, String field) {
        String value = text(data, field, MAX_PASSWORD_LENGTH, "data." + field);
        if (value == null) {
            throw ApiException.badRequest("data." + field + " is required");
        }
        return value;
    }

    /** A string field, or null when absent or JSON null; never echoes the value. */
    private static String text(JsonNode parent, String field, int maxLength, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(path + " must be a string");
        }
        String value = node.textValue();
        if (value.length() > maxLength) {
            throw ApiException.badRequest(path + " is longer than " + maxLength + " characters");
        }
        if (JsonContent.hasLoneSurrogate(value)) {
            // Not encodable as UTF-8: the directory would see something else than was typed.
            throw ApiException.badRequest(path + " is not valid Unicode");
        }
        return value;
    }

    /** C0, DEL and C1 controls: invisible, and some directories store or compare them badly. */
    private static boolean isControl(int codePoint) {
        return Character.getType(codePoint) == Character.CONTROL;
    }
}
