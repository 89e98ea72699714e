package dev.authbridge.directory;

import dev.authbridge.config.TenantConfig;
import java.util.List;
import java.util.Map;

/**
 * A user as read from the directory and mapped to the API's user model.
 *
 * @param id the stable identifier ({@code entryUUID} by default), never the DN
 * @param dbid {@code null} when the entry has none (users outside every tenant)
 * @param tenant {@code null} for users outside every tenant
 * @param properties values are strings: vendor clients read a {@code Map<String,String>}
 */
public record DirectoryUser(
        String dn,
        String id,
        String loginName,
        Long dbid,
        String email,
        String givenName,
        String familyName,
        TenantConfig tenant,
        List<Role> roles,
        Map<String, String> properties) {}
