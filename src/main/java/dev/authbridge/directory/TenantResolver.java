package dev.authbridge.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import dev.authbridge.config.TenantConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Knows which tenant (contact center) a domain typed before the backslash, or a user's DN,
 * belongs to. Built once: domains are matched case-insensitively, subtrees as parsed DNs, so
 * {@code OU=Demo,DC=example,DC=com} and {@code ou=demo,dc=example,dc=com} are the same place.
 */
final class TenantResolver {

    private final Map<String, TenantConfig> byDomain = new HashMap<>();
    private final List<Subtree> subtrees = new ArrayList<>();

    private record Subtree(DN base, TenantConfig tenant) {}

    TenantResolver(List<TenantConfig> tenants) {
        for (TenantConfig tenant : tenants) {
            for (String domain : tenant.domains()) {
                byDomain.put(domain.toLowerCase(Locale.ROOT), tenant);
            }
            subtrees.add(new Subtree(parse(tenant.usersBaseDn()), tenant));
        }
    }

    /** The tenant a user typed, e.g. {@code demo} or {@code DEMO}; empty when none has it. */
    Optional<TenantConfig> byDomain(String domain) {
        return Optional.ofNullable(byDomain.get(domain.toLowerCase(Locale.ROOT)));
    }

    /** The tenant whose users subtree holds {@code dn}; empty for users outside every tenant. */
    Optional<TenantConfig> byUserDn(DN dn) {
        for (Subtree subtree : subtrees) {
            if (dn.isDescendantOf(subtree.base(), true)) {
                return Optional.of(subtree.tenant());
            }
        }
        return Optional.empty();
    }

    static DN parse(String dn) {
        try {
            return new DN(dn);
        } catch (LDAPException e) {
            throw new IllegalArgumentException("not a DN: " + dn, e);
        }
    }
}
