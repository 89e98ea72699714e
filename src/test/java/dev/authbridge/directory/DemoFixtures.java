package dev.authbridge.directory;

import com.unboundid.ldap.sdk.Filter;
import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.config.EmbeddedConfig;
import dev.authbridge.config.GroupsConfig;
import dev.authbridge.config.Secret;
import dev.authbridge.config.TenantConfig;
import dev.authbridge.config.TlsMode;
import dev.authbridge.config.UsersConfig;
import dev.authbridge.testing.TestTenant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The demo directory in {@code ldif/} as tests see it: its tenants, users and a config for it. */
final class DemoFixtures {

    static final String BASE_DN = "dc=example,dc=com";
    static final String SERVICE_DN = "cn=authbridge,ou=system," + BASE_DN;
    static final String SERVICE_PASSWORD = "authbridge-service-Secret!";

    static final TenantConfig DEMO = TestTenant.named("Demo Contact Center", "f91397f1-6bf6-4fcd-8623-4c4efd81e152")
            .domains("demo").under(BASE_DN).build();
    static final TenantConfig ACME = TestTenant.named("ACME Support", "695bf0a2-3dde-4819-9c37-8087ba432a16")
            .domains("acme").under(BASE_DN).build();
    static final List<TenantConfig> TENANTS = List.of(DEMO, ACME);
    /** Reads typed names as authbridge does for these tenants (no default tenant). */
    static final Tenants NAMES = new Tenants(TENANTS, null);

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(2);

    private DemoFixtures() {}

    static List<Path> ldifFiles() {
        return List.of(Path.of("ldif", "00-authbridge-schema.ldif"), Path.of("ldif", "10-demo.ldif"));
    }

    static EmbeddedConfig embedded(int port) {
        return new EmbeddedConfig(port, BASE_DN, ldifFiles(), SERVICE_DN, List.of());
    }

    /**
     * The config loader's defaults, with the users base for users outside every tenant set to
     * the whole tree: tenants' users are found there too, and must be excluded.
     */
    static DirectoryConfig config(String url) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("telephoneNumber", "phone");
        properties.put("title", "title");
        properties.put("departmentNumber", "department");
        properties.put("employeeNumber", "employeeNumber");
        properties.put("roomNumber", "room");
        UsersConfig users = new UsersConfig(BASE_DN, filter("(objectClass=inetOrgPerson)"), "uid",
                "entryUUID", "employeeNumber", "mail", "givenName", "sn", properties);
        GroupsConfig groups = new GroupsConfig("ou=groups," + BASE_DN,
                filter("(objectClass=groupOfNames)"), "member", "cn", "authbridgePrivilege", Map.of());
        return new DirectoryConfig(List.of(url), SERVICE_DN, new Secret(SERVICE_PASSWORD),
                TlsMode.NONE, null, null, CONNECT_TIMEOUT, RESPONSE_TIMEOUT, 4,
                Duration.ofMinutes(10), Duration.ofSeconds(30), users, groups, null, java.time.Duration.ZERO);
    }

    static Filter filter(String filter) {
        try {
            return Filter.create(filter);
        } catch (Exception e) {
            throw new IllegalArgumentException(filter, e);
        }
    }
}
