package dev.authbridge.directory;

import dev.authbridge.config.TenantConfig;

/**
 * A user name as {@link Tenants#parse} read it from <code>tenant&#92;user</code>: both parts in
 * their canonical form ({@link Tenants#canonical}), the tenant resolved. Only {@link Tenants}
 * makes one, so every name that reaches the directory, the lockout or the audit log has been
 * read the same way.
 *
 * @param domain the tenant's domain as typed, canonical; {@code null} for "outside every tenant"
 * @param tenant the tenant that has {@code domain}; {@code null} outside every tenant, or when no
 *     tenant has it ({@link #isUnknownTenant()})
 * @param user the user part, canonical (no surrounding spaces, lower case, NFKC)
 * @param plausible whether the user part as typed can name anyone at all ({@link PlausibleNames}):
 *     a name that cannot is refused without asking the directory
 */
public record LoginName(String domain, TenantConfig tenant, String user, boolean plausible) {

    /** Longest user name accepted; anything longer is refused without asking the directory. */
    public static final int MAX_LENGTH = 256;

    /** A domain was typed, and no tenant has it. */
    public boolean isUnknownTenant() {
        return domain != null && tenant == null;
    }

    /** The tenant's id, when the name belongs to one. */
    public String tenantId() {
        return tenant == null ? null : tenant.id().toString();
    }

    /**
     * <code>tenant&#92;user</code>, the tenant named by its first domain (an unknown one as
     * typed), canonical: the name's one spelling in lockout keys and audit lines.
     */
    @Override
    public String toString() {
        String prefix = tenant != null ? Tenants.canonical(tenant.domains().get(0)) : domain == null ? "" : domain;
        return prefix + "\\" + user;
    }
}
