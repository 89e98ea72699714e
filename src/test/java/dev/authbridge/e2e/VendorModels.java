package dev.authbridge.e2e;

import com.google.gson.Gson;
import com.google.gson.JsonSyntaxException;
import com.google.gson.annotations.SerializedName;
import java.util.List;
import java.util.Map;

/**
 * The models of the vendor's generated Java client, as swagger-codegen writes them from the
 * reference: one field per property, {@code @SerializedName} as on the wire, boxed types (every
 * property is optional, so any may be null), {@code integer} as {@link Integer}. Parsed by gson
 * 2.8.1 as the client parses them: a value of the wrong kind (an object for a string, a string
 * or a fraction for an integer, a number past 32 bits) fails the call there, and here.
 */
final class VendorModels {
    private static final Gson GSON = new Gson();

    private VendorModels() {}

    /** The body as the client reads it into {@code type}; an AssertionError where gson would throw. */
    static <T> T parse(String body, Class<T> type) {
        try {
            T parsed = GSON.fromJson(body, type);
            if (parsed == null) {
                throw new AssertionError("no " + type.getSimpleName() + " in: " + body);
            }
            return parsed;
        } catch (JsonSyntaxException e) {
            throw new AssertionError("the SDK cannot read this as " + type.getSimpleName() + ": " + body, e);
        }
    }

    static String json(Object model) {
        return GSON.toJson(model);
    }

    /** {@code POST /oauth/token} 200 (Spring's token, as the reference names it). */
    static final class DefaultOAuth2AccessToken {
        @SerializedName("access_token") String accessToken;
        @SerializedName("expires_in") Integer expiresIn;
        @SerializedName("refresh_token") String refreshToken;
        @SerializedName("scope") String scope;
        @SerializedName("token_type") String tokenType;
    }

    static final class UserRole {
        @SerializedName("name") String name;
        @SerializedName("privileges") List<String> privileges;
    }

    /** {@code GET /userinfo}. */
    static final class CloudUserDetails {
        @SerializedName("authorities") List<UserRole> authorities;
        @SerializedName("cmeUserName") String cmeUserName;
        @SerializedName("contactCenterId") String contactCenterId;
        @SerializedName("dbid") Integer dbid;
        @SerializedName("environmentId") String environmentId;
        @SerializedName("loginName") String loginName;
        @SerializedName("properties") Map<String, String> properties;
        @SerializedName("username") String username;
    }

    /** {@code GET /openid/userinfo}. */
    static final class OpenIdUserInfo {
        @SerializedName("aud") String aud;
        @SerializedName("authorities") List<UserRole> authorities;
        @SerializedName("contact_center_id") String contactCenterId;
        @SerializedName("dbid") Integer dbid;
        @SerializedName("email") String email;
        @SerializedName("environment_id") String environmentId;
        @SerializedName("family_name") String familyName;
        @SerializedName("given_name") String givenName;
        @SerializedName("properties") Map<String, String> properties;
        @SerializedName("sub") String sub;
        @SerializedName("user_name") String userName;
    }

    static final class ResponseStatus {
        @SerializedName("code") Integer code;
        @SerializedName("detail") Map<String, Object> detail;
        @SerializedName("message") String message;
    }

    /** The envelope of ping, sign-out, jwt-userinfo, change-password, and of every error but OAuth's. */
    static final class ApiResponse {
        @SerializedName("status") ResponseStatus status;
        @SerializedName("data") Map<String, Object> data;
        @SerializedName("errors") List<ErrorResponse> errors;
        @SerializedName("path") String path;
    }

    static final class ErrorResponse {
        @SerializedName("status") ResponseStatus status;
    }

    /** RFC 6749 §5.2, "error as specified by standard". */
    static final class OAuthError {
        @SerializedName("error") String error;
        @SerializedName("error_description") String errorDescription;
    }

    /** {@code POST /change-password}'s body: {@code ApiRequestOfChangePasswordOperation}. */
    static final class ChangePasswordRequest {
        @SerializedName("data") ChangePasswordOperation data;
        @SerializedName("operationId") String operationId;

        ChangePasswordRequest(String oldPassword, String newPassword, String userName, String operationId) {
            this.data = new ChangePasswordOperation();
            this.data.oldPassword = oldPassword;
            this.data.newPassword = newPassword;
            this.data.userName = userName;
            this.operationId = operationId;
        }
    }

    static final class ChangePasswordOperation {
        @SerializedName("newPassword") String newPassword;
        @SerializedName("oldPassword") String oldPassword;
        @SerializedName("userName") String userName;
    }
}
