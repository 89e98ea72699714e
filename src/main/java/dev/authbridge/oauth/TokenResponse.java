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
 * granted to a user; absent otherwise. A token exchange adds {@code issued_token_type}
 * (<a href="https://www.rfc-editor.org/rfc/rfc8693#section-2.2.1">RFC 8693 §2.2.1</a>).
 */
@JsonPropertyOrder({"access_token", "issued_token_type", "token_type", "expires_in", "refresh_token", "scope",
        "id_token"})
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("scope") String scope,
        @JsonProperty("id_token") @JsonInclude(JsonInclude.Include.NON_NULL) String idToken,
        @JsonProperty("issued_token_type") @JsonInclude(JsonInclude.Include.NON_NULL) String issuedTokenType) {

    public TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, String scope) {
        this(accessToken, tokenType, expiresIn, refreshToken, scope, null, null);
    }

    public TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, String scope,
            String idToken) {
        this(accessToken, tokenType, expiresIn, refreshToken, scope, idToken, null);
    }

    /** The same fields form-encoded, for clients whose {@code Accept} asks for it. */
    public String formEncoded() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("access_token", accessToken);
        if (issuedTokenType != null) {
            fields.put("issued_token_type", issuedTokenType);
        }
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
