package dev.authbridge.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.TenantConfig;
import dev.authbridge.name.NameForm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured tenants, and the one parser of what a user types: <code>tenant&#92;user</code>
 * → the tenant and the user's name in its canonical form. Spellings the directory matches as one
 * entry — surrounding spaces, case (also beyond ASCII: {@code İ}), fullwidth forms, zero-width
 * characters — are one name here ({@link #canonical}); domains are compared the same way. Also
 * knows which tenant's subtree a DN lies in (subtrees as parsed DNs, so
 * {@code OU=Demo,DC=example,DC=com} and {@code ou=demo,dc=example,dc=com} are one place).
 *
 * <p><b>Decision:</b> surrounding spaces are trimmed, around the tenant and around the user,
 * rather than refused: the directory ignores them in every match (RFC 4518 §2.6.1), so refusing
 * them would protect nothing, while a user who pasted a trailing space would be told the
 * password was wrong.
 */
public final class Tenants {
    private final List<TenantConfig> all;
    private final Map<String, TenantConfig> byDomain = new HashMap<>();
    private final List<Subtree> subtrees = new ArrayList<>();
    private final String defaultDomain;

    private record Subtree(DN base, TenantConfig tenant) {}

    /**
     * @param defaultTenant the domain bare names belong to, or {@code null}: then a bare name is
     *     outside every tenant
     */
    public Tenants(List<TenantConfig> tenants, String defaultTenant) {
        this.all = List.copyOf(tenants);
        for (TenantConfig tenant : all) {
            for (String domain : tenant.domains()) {
                byDomain.putIfAbsent(canonical(domain), tenant);
            }
            subtrees.add(new Subtree(parseDn(tenant.usersBaseDn()), tenant));
        }
        this.defaultDomain = defaultTenant == null ? null : canonical(defaultTenant);
    }

    public static Tenants of(AuthbridgeConfig config) {
        return new Tenants(config.tenants(), config.defaultTenant());
    }

    /** The form in which names and domains are compared (see {@link NameForm}). */
    public static String canonical(String name) {
        return NameForm.canonical(name);
    }

    /**
     * Reads a typed name: split at the first backslash (none: the default tenant's user; a
     * leading one: a user outside every tenant), each part canonical.
     */
    public LoginName parse(String raw) {
        int slash = raw.indexOf('\\');
        String typedUser = slash < 0 ? raw : raw.substring(slash + 1);
        String domain = slash < 0 ? defaultDomain : canonical(raw.substring(0, slash));
        if (domain != null && domain.isEmpty()) {
            domain = null;
        }
        String user = canonical(typedUser);
        boolean plausible = PlausibleNames.isPlausible(typedUser) && !user.isEmpty();
        return new LoginName(domain, domain == null ? null : byDomain.get(domain), user, plausible);
    }

    /** The tenant one of whose domains is {@code domain}, compared in canonical form. */
    public Optional<TenantConfig> byDomain(String domain) {
        return Optional.ofNullable(byDomain.get(canonical(domain)));
    }

    /** The tenant whose users subtree holds {@code dn}; empty for users outside every tenant. */
    public Optional<TenantConfig> byUserDn(DN dn) {
        for (Subtree subtree : subtrees) {
            if (dn.isDescendantOf(subtree.base(), true)) {
                return Optional.of(subtree.tenant());
            }
        }
        return Optional.empty();
    }

    /** <code>tenant&#92;user</code> of a user as the directory names them, canonical. */
    public static String qualifiedName(TenantConfig tenant, String loginName) {
        return (tenant == null ? "" : canonical(tenant.domains().get(0))) + "\\" + canonical(loginName);
    }

    /** Whether bare names belong to a default tenant. */
    public boolean hasDefault() {
        return defaultDomain != null;
    }

    public List<TenantConfig> all() {
        return all;
    }

    static DN parseDn(String dn) {
        try {
            return new DN(dn);
        } catch (LDAPException e) {
            throw new IllegalArgumentException("not a DN: " + dn, e);
        }
    }
}
