package dev.authbridge.oauth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The successful token response (RFC 6749 §5.1), as the vendor's Spring service shapes it. */
@JsonPropertyOrder({"access_token", "token_type", "expires_in", "refresh_token", "scope"})
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("scope") String scope) {

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
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
