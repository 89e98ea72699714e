package dev.authbridge.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * An introspection answer (<a href="https://www.rfc-editor.org/rfc/rfc7662#section-2.2">RFC 7662
 * §2.2</a>). For any token that is not a live access token only {@code {"active": false}}: no hint
 * of why (§2.2: "SHOULD NOT include any additional information about an inactive token"). For a
 * live one the standard fields plus the user's {@code tenant} (contact center id) and
 * {@code roles}, read from the directory now, and for a delegated token who acts for the user
 * ({@code act}, <a href="https://www.rfc-editor.org/rfc/rfc8693#section-4.1">RFC 8693 §4.1</a>).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"active", "scope", "client_id", "username", "token_type", "exp", "iat", "sub", "aud", "iss",
        "tenant", "roles", "act"})
public record IntrospectionResponse(
        boolean active,
        String scope,
        @JsonProperty("client_id") String clientId,
        String username,
        @JsonProperty("token_type") String tokenType,
        Long exp,
        Long iat,
        String sub,
        String aud,
        String iss,
        String tenant,
        List<String> roles,
        Map<String, Object> act) {

    public static final IntrospectionResponse INACTIVE =
            new IntrospectionResponse(false, null, null, null, null, null, null, null, null, null, null, null, null);
}
