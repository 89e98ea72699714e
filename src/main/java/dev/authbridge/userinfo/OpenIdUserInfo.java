package dev.authbridge.userinfo;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.authbridge.directory.Role;
import java.util.List;
import java.util.Map;

/** {@code GET /openid/userinfo}: the vendor's {@code OpenIdUserInfo}, snake_case names. */
public record OpenIdUserInfo(
        String aud,
        List<Role> authorities,
        @JsonProperty("contact_center_id") String contactCenterId,
        Long dbid,
        String email,
        @JsonProperty("environment_id") String environmentId,
        @JsonProperty("family_name") String familyName,
        @JsonProperty("given_name") String givenName,
        Map<String, String> properties,
        String sub,
        @JsonProperty("user_name") String userName) {}
