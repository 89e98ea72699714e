package dev.authbridge.directory;

/**
 * A user name as typed: <code>tenant&#92;user</code>. A bare <code>user</code> belongs to the default tenant
 * (when one is configured); a leading backslash ({@code \admin}) means a user outside every
 * tenant, as does a bare name when there is no default tenant.
 *
 * @param tenantDomain the tenant's domain name, or {@code null} for "outside every tenant"
 */
public record LoginName(String tenantDomain, String user) {

    /** Longest user name accepted; anything longer is refused without asking the directory. */
    public static final int MAX_LENGTH = 256;

    /**
     * Splits a raw user name at its first backslash.
     *
     * @param defaultTenant domain used for bare names, or {@code null}
     */
    public static LoginName parse(String raw, String defaultTenant) {
        int slash = raw.indexOf('\\');
        if (slash < 0) {
            return new LoginName(defaultTenant, raw);
        }
        String domain = raw.substring(0, slash);
        return new LoginName(domain.isEmpty() ? null : domain, raw.substring(slash + 1));
    }

    @Override
    public String toString() {
        return (tenantDomain == null ? "" : tenantDomain) + "\\" + user;
    }
}
