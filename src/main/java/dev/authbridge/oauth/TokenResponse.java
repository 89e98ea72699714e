package dev.authbridge.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The successful token response (RFC 6749 §5.1), as the vendor's Spring service shapes it, plus
 * the OpenID Connect {@code id_token} (OIDC Core §3.1.3.3) when the {@code openid} scope was
 * granted to a user; absent otherwise.
 */
@JsonPropertyOrder({"access_token", "token_type", "expires_in", "refresh_token", "scope", "id_token"})
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("scope") String scope,
        @JsonProperty("id_token") @JsonInclude(JsonInclude.Include.NON_NULL) String idToken) {

    public TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, String scope) {
        this(accessToken, tokenType, expiresIn, refreshToken, scope, null);
    }

    /** The same fields form-encoded, for clients whose {@code Accept} asks for it. */
    public String formEncoded() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("access_token", accessToken);
        fields.put("token_type", tokenType);
        fields.put("expires_in", Long.toString(expiresIn));
        if (refreshToken != null) {
            fields.put("refresh_token", refreshToken);
        }
        fields.put("scope", scope);
        if (idToken != null) {
            fields.put("id_token", idToken);
        }
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
