package dev.authbridge.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * An introspection answer (<a href="https://www.rfc-editor.org/rfc/rfc7662#section-2.2">RFC 7662
 * §2.2</a>). For any token that is not a live access token only {@code {"active": false}}: no hint
 * of why (§2.2: "SHOULD NOT include any additional information about an inactive token"). For a
 * live one the standard fields plus the user's {@code tenant} (contact center id) and
 * {@code roles}, read from the directory now.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"active", "scope", "client_id", "username", "token_type", "exp", "iat", "sub", "aud", "iss",
        "tenant", "roles"})
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
        List<String> roles) {

    public static final IntrospectionResponse INACTIVE =
            new IntrospectionResponse(false, null, null, null, null, null, null, null, null, null, null, null);
}
