package dev.authbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration: shipped default, defaults, validation (all problems at once), ${ENV}. */
class ConfigLoaderTest {
    private static final Path REPO = Path.of("").toAbsolutePath();

    private static final String MINIMAL = """
            environmentId: 0e3c4a35-5d52-4b8e-9f0f-2f6d1c7f3a10
            directory:
              urls: [ldap://ldap.example.com:389]
              users:
                baseDn: ou=people,dc=example,dc=com
            """;

    private static AuthbridgeConfig parse(String yaml, Map<String, String> env) {
        return new ConfigLoader(env).parse(yaml, REPO);
    }

    private static List<String> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml, Map.of())).problems();
    }

    @Test
    void loadWhenShippedConfigThenDemoClientAndTenants() {
        AuthbridgeConfig c = new ConfigLoader(Map.of()).load(REPO.resolve("config.yaml"));
        assertEquals(8095, c.server().port());
        assertEquals("127.0.0.1", c.server().host());
        assertNotNull(c.directory().embedded());
        assertEquals(2, c.tenants().size());
        ClientConfig demo = c.client("demo-client").orElseThrow();
        assertTrue(demo.secret().matches("demo-secret"));
        assertTrue(demo.allowsRedirect("http://127.0.0.1:8095/callback"));
        assertEquals("demo", c.defaultTenant());
    }

    @Test
    void parseWhenMinimalThenDefaults() {
        AuthbridgeConfig c = parse(MINIMAL, Map.of());
        assertEquals(8095, c.server().port());
        assertEquals(64 * 1024, c.server().maxBodyBytes());
        assertEquals(TlsMode.NONE, c.directory().tls());
        assertNull(c.directory().bindDn());
        assertEquals(Duration.ofSeconds(5), c.directory().connectTimeout());
        assertEquals(10, c.directory().poolSize());
        assertEquals("uid", c.directory().users().loginAttribute());
        assertEquals("entryUUID", c.directory().users().idAttribute());
        assertEquals("employeeNumber", c.directory().users().dbidAttribute());
        assertEquals("ou=people,dc=example,dc=com", c.directory().groups().baseDn());
        assertEquals("ROLE_AGENTS", c.directory().groups().roleName("agents"));
        assertTrue(c.store().path().endsWith(Path.of("data", "authbridge.db")));
        assertTrue(c.clients().isEmpty());
    }

    @Test
    void parseWhenSeveralProblemsThenAllReportedWithPaths() {
        List<String> problems = problems("""
                server:
                  port: eighty
                  colour: blue
                environmentId: not-a-uuid
                directory:
                  urls: [http://nope]
                  tls: sometimes
                  bindDn: cn=svc,dc=example,dc=com
                  users:
                    baseDn: not a dn
                    filter: (uid=
                clients:
                  - id: a
                    grantTypes: [password, magic]
                    redirectUris: ["https://app.example/cb#frag"]
                  - id: a
                    grantTypes: [client_credentials]
                """);
        String all = String.join("\n", problems);
        for (String expected : new String[] {"server.port:", "server.colour: unknown setting", "environmentId:",
                "directory.urls:", "directory.tls:", "directory.bindPassword:", "directory.users.baseDn:",
                "directory.users.filter:", "clients[0].grantTypes: 'magic'", "clients[0].redirectUris:",
                "clients[1].id: 'a' is registered twice", "clients[1].grantTypes: client_credentials needs a client secret"}) {
            assertTrue(all.contains(expected), "missing '" + expected + "' in:\n" + all);
        }
    }

    @Test
    void parseWhenUnknownNestedKeyThenNamedByPath() {
        List<String> problems = problems(MINIMAL + """
                  groups:
                    memberAtribute: member
                """);
        assertEquals(List.of("directory.groups.memberAtribute: unknown setting"), problems);
    }

    @Test
    void parseWhenEnvReferencedThenExpanded() {
        AuthbridgeConfig c = parse(MINIMAL.replace("directory:\n", "directory:\n  bindDn: cn=svc,dc=example,dc=com\n  bindPassword: ${LDAP_PW}\n"),
                Map.of("LDAP_PW", "s3cret"));
        assertEquals("s3cret", c.directory().bindPassword().reveal());
        assertEquals("****", c.directory().bindPassword().toString());
    }

    @Test
    void parseWhenEnvMissingThenProblemUnlessDefault() {
        String yaml = MINIMAL.replace("directory:\n", "directory:\n  bindDn: cn=svc,dc=example,dc=com\n  bindPassword: ${LDAP_PW}\n");
        assertEquals(List.of("directory.bindPassword: environment variable LDAP_PW is not set"), problems(yaml));
        AuthbridgeConfig c = parse(yaml.replace("${LDAP_PW}", "${LDAP_PW:-fallback}"), Map.of());
        assertEquals("fallback", c.directory().bindPassword().reveal());
    }

    @Test
    void parseWhenTlsDoesNotFitUrlThenProblem() {
        List<String> problems = problems(MINIMAL.replace("urls: [ldap://", "tls: ldaps\n  urls: [ldap://"));
        assertTrue(problems.get(0).startsWith("directory.urls:"), problems.toString());
    }

    @Test
    void parseWhenTenantsShareDomainOrDefaultUnknownThenProblems() {
        List<String> problems = problems(MINIMAL + """
                tenants:
                  - id: f91397f1-6bf6-4fcd-8623-4c4efd81e152
                    name: One
                    domains: [t1]
                    usersBaseDn: ou=one,dc=example,dc=com
                  - id: 695bf0a2-3dde-4819-9c37-8087ba432a16
                    name: Two
                    domains: [T1]
                    usersBaseDn: ou=two,dc=example,dc=com
                defaultTenant: t9
                """);
        String all = String.join("\n", problems);
        assertTrue(all.contains("tenants[1].domains: 'T1' is used by another tenant"), all);
        assertTrue(all.contains("defaultTenant: 't9'"), all);
    }

    @Test
    void parseWhenClientNamesGwsUserAlgorithmThenOnlyEdDsaAccepted() {
        String client = "clients:\n  - id: %s\n    secret: y\n    grantTypes: client_credentials\n    gwsUserAlgorithm: %s\n";
        AuthbridgeConfig c = parse(MINIMAL + client.formatted("svc", "EdDSA") + "  - id: plain\n    secret: y\n"
                + "    grantTypes: client_credentials\n", Map.of());
        assertTrue(c.client("svc").orElseThrow().gwsUserEdDsa());
        assertFalse(c.client("plain").orElseThrow().gwsUserEdDsa());
        assertEquals(List.of("clients[0].gwsUserAlgorithm: 'HS256' is not EdDSA (leave it out to sign with the signing keys' algorithm)"),
                problems(MINIMAL + client.formatted("svc", "HS256")));
    }

    @Test
    void parseWhenDurationsAndSizesWrittenAnyWayThenParsed() {
        AuthbridgeConfig c = parse(MINIMAL.replace("directory:\n", "directory:\n  connectTimeout: 1500ms\n  responseTimeout: PT3S\n")
                + "server:\n  maxBodySize: 1MiB\nclients:\n  - id: x\n    secret: y\n    grantTypes: client_credentials\n    accessTokenTtl: 90\n", Map.of());
        assertEquals(Duration.ofMillis(1500), c.directory().connectTimeout());
        assertEquals(Duration.ofSeconds(3), c.directory().responseTimeout());
        assertEquals(1024 * 1024, c.server().maxBodyBytes());
        assertEquals(Duration.ofSeconds(90), c.clients().get(0).accessTokenTtl());
    }

    @Test
    void parseWhenEmbeddedWithoutServiceAccountOrWithBadAdministratorThenProblems() {
        String embedded = """
                environmentId: 0e3c4a35-5d52-4b8e-9f0f-2f6d1c7f3a10
                directory:
                  embedded:
                    baseDn: dc=example,dc=com
                    administrators: ["uid=admin,ou=people,dc=example,dc=com", "not a dn"]
                """;
        assertEquals(List.of(
                "directory.bindDn: is required with embedded: the embedded directory answers no anonymous search",
                "directory.embedded.administrators: 'not a dn' is not a valid DN"), problems(embedded));

        AuthbridgeConfig c = parse(embedded.replace(", \"not a dn\"", "")
                + "  bindDn: cn=svc,dc=example,dc=com\n  bindPassword: x\n", Map.of());
        assertEquals("cn=svc,dc=example,dc=com", c.directory().embedded().serviceDn());
        assertEquals(List.of("uid=admin,ou=people,dc=example,dc=com"), c.directory().embedded().administrators());
        assertEquals(List.of(), new ConfigLoader(Map.of()).load(REPO.resolve("config.yaml"))
                .directory().embedded().administrators(), "the shipped demo directory has no administrator");
    }

    @Test
    void parseWhenNotYamlThenOneProblem() {
        assertEquals(1, problems("server: [unclosed").size());
    }

    @Test
    void parseWhenEmptyThenRequiredKeysReported() {
        String all = String.join("\n", problems(""));
        assertTrue(all.contains("environmentId: is required"), all);
        assertTrue(all.contains("directory: is required"), all);
    }
}
