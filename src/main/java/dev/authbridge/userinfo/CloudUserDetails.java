package dev.authbridge.userinfo;

import dev.authbridge.directory.Role;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /userinfo}: the vendor's {@code CloudUserDetails}. Null fields (no tenant, no
 * dbid) are left out of the JSON.
 */
public record CloudUserDetails(
        List<Role> authorities,
        String cmeUserName,
        String contactCenterId,
        Long dbid,
        String environmentId,
        String loginName,
        Map<String, String> properties,
        String username) {}
