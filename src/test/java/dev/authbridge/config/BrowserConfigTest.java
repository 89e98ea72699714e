package dev.authbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code authorize}, {@code session}, {@code cors} and {@code tenants[].corsAllowedOrigins}. */
class BrowserConfigTest {
    private static final String MINIMAL = """
            environmentId: 0e3c4a35-5d52-4b8e-9f0f-2f6d1c7f3a10
            directory:
              urls: [ldap://ldap.example.com:389]
              users:
                baseDn: ou=people,dc=example,dc=com
            """;

    private static AuthbridgeConfig parse(String yaml) {
        return new ConfigLoader(Map.of()).parse(MINIMAL + yaml, Path.of(""));
    }

    private static List<String> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).problems();
    }

    @Test
    void parseWhenNothingSetThenDefaults() {
        AuthbridgeConfig c = parse("");
        assertEquals(Duration.ofSeconds(60), c.authorize().codeTtl());
        assertEquals(Duration.ofMinutes(30), c.session().idleTimeout());
        assertEquals(Duration.ofHours(12), c.session().maxLifetime());
        assertEquals(List.of(), c.cors().allowedOrigins());
        assertEquals(List.of("Authorization", "Content-Type", "X-Api-Key"), c.cors().allowedHeaders());
        assertEquals(Duration.ofMinutes(10), c.cors().maxAge());
    }

    @Test
    void parseWhenSetThenValuesWithOriginsNormalised() {
        AuthbridgeConfig c = parse("""
                authorize:
                  codeTtl: 30s
                session:
                  idleTimeout: 15m
                  maxLifetime: 8h
                cors:
                  allowedOrigins: [HTTPS://App.Example.COM:443, http://localhost:3000, https://app.example.com]
                  allowedHeaders: [Authorization, X-Request-Id]
                  maxAge: 1h
                tenants:
                  - id: f91397f1-6bf6-4fcd-8623-4c4efd81e152
                    name: Demo
                    domains: [demo]
                    usersBaseDn: ou=people,ou=demo,dc=example,dc=com
                    corsAllowedOrigins: [https://wwe.demo.example:8443/]
                """);
        assertEquals(Duration.ofSeconds(30), c.authorize().codeTtl());
        assertEquals(Duration.ofMinutes(15), c.session().idleTimeout());
        assertEquals(Duration.ofHours(8), c.session().maxLifetime());
        assertEquals(List.of("https://app.example.com", "http://localhost:3000"), c.cors().allowedOrigins(),
                "lower case, default port dropped, duplicates merged");
        assertEquals(List.of("Authorization", "X-Request-Id"), c.cors().allowedHeaders());
        assertEquals(Duration.ofHours(1), c.cors().maxAge());
        assertEquals(List.of("https://wwe.demo.example:8443"), c.tenants().get(0).corsAllowedOrigins());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "authorize: {codeTtl: 0s}                      | authorize.codeTtl: must be positive",
        "authorize: {codeTtl: 11m}                     | authorize.codeTtl: must be at most 10m",
        "authorize: {codeTtl: soon}                    | authorize.codeTtl: 'soon' is not a duration",
        "authorize: {ttl: 60s}                         | authorize.ttl: unknown setting",
        "session: {idleTimeout: 13h}                   | session.idleTimeout: must not be longer than maxLifetime",
        "session: {maxLifetime: -1s}                   | session.maxLifetime: '-1s' is not a duration",
        "cors: {allowedOrigins: ['*']}                 | cors.allowedOrigins: '*' is not allowed",
        "cors: {allowedOrigins: [https://a.example/app]} | cors.allowedOrigins: 'https://a.example/app' is not an origin",
        "cors: {allowedOrigins: [null]}                | cors.allowedOrigins[0]: must be a single value",
        "cors: {allowedOrigins: [ftp://a.example]}     | cors.allowedOrigins: 'ftp://a.example' is not an origin",
        "cors: {allowedOrigins: ['https://a.example?x']} | cors.allowedOrigins: 'https://a.example?x' is not an origin",
        "cors: {allowedHeaders: ['X Bad']}             | cors.allowedHeaders: 'X Bad' is not a header name",
        "cors: {origins: []}                           | cors.origins: unknown setting"})
    void parseWhenInvalidThenProblemAtKeyPath(String yaml, String expected) {
        List<String> problems = problems(yaml);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(expected)), problems.toString());
    }

    @Test
    void parseWhenTenantOriginInvalidThenProblemAtTenantPath() {
        List<String> problems = problems("""
                tenants:
                  - id: f91397f1-6bf6-4fcd-8623-4c4efd81e152
                    name: Demo
                    domains: [demo]
                    usersBaseDn: ou=people,ou=demo,dc=example,dc=com
                    corsAllowedOrigins: ['*', https://ok.example, https://x.example/path]
                """);
        assertEquals(2, problems.stream().filter(p -> p.startsWith("tenants[0].corsAllowedOrigins: ")).count(),
                problems.toString());
    }
}
