package dev.authbridge.config;

import java.util.List;
import java.util.UUID;

/**
 * A contact center: users type one of its {@code domains} before the backslash
 * (<code>demo&#92;agent1</code>); its users and groups live under the given subtrees.
 *
 * @param corsAllowedOrigins origins of this contact center's browser applications, allowed
 *     (besides {@link CorsConfig#allowedOrigins()}) to read answers about its users
 */
public record TenantConfig(
        UUID id, String name, List<String> domains, String usersBaseDn, String groupsBaseDn,
        List<String> corsAllowedOrigins) {

    /** The same tenant with its users elsewhere. */
    public TenantConfig withUsersBaseDn(String other) {
        return new TenantConfig(id, name, domains, other, groupsBaseDn, corsAllowedOrigins);
    }

    /** The same tenant with other CORS origins (in the form browsers send). */
    public TenantConfig withCorsAllowedOrigins(List<String> other) {
        return new TenantConfig(id, name, domains, usersBaseDn, groupsBaseDn, List.copyOf(other));
    }
}
