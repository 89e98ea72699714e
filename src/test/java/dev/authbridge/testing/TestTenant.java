package dev.authbridge.testing;

import dev.authbridge.config.TenantConfig;
import java.util.List;
import java.util.UUID;

/**
 * A contact center for a test, built by type: its users and groups under
 * {@code ou=people|groups,ou=<first domain>,<suffix>} unless said otherwise, as the demo
 * directory lays them out.
 * {@code TestTenant.named("Demo Contact Center", "f91397f1-…").domains("demo").under("dc=example,dc=com").build()}.
 */
public final class TestTenant {
    private final String name;
    private final UUID id;
    private List<String> domains = List.of();
    private String usersBaseDn;
    private String groupsBaseDn;
    private List<String> corsAllowedOrigins = List.of();

    private TestTenant(String name, UUID id) {
        this.name = name;
        this.id = id;
    }

    public static TestTenant named(String name, String id) {
        return new TestTenant(name, UUID.fromString(id));
    }

    public TestTenant domains(String... names) {
        domains = List.of(names);
        return this;
    }

    /** Users in {@code ou=people,ou=<first domain>,<suffix>}, groups in {@code ou=groups,…}. */
    public TestTenant under(String suffix) {
        String tenant = "ou=" + domains.get(0) + "," + suffix;
        usersBaseDn = "ou=people," + tenant;
        groupsBaseDn = "ou=groups," + tenant;
        return this;
    }

    public TestTenant usersBaseDn(String dn) {
        usersBaseDn = dn;
        return this;
    }

    public TestTenant groupsBaseDn(String dn) {
        groupsBaseDn = dn;
        return this;
    }

    /** Origins in the form browsers send ({@code https://host[:port]}, lower case). */
    public TestTenant corsAllowedOrigins(String... origins) {
        corsAllowedOrigins = List.of(origins);
        return this;
    }

    public TenantConfig build() {
        if (domains.isEmpty() || usersBaseDn == null) {
            throw new IllegalStateException("tenant " + name + " needs a domain and a users base DN");
        }
        return new TenantConfig(id, name, domains, usersBaseDn, groupsBaseDn == null ? usersBaseDn : groupsBaseDn,
                corsAllowedOrigins);
    }
}
