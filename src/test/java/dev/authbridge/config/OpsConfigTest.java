package dev.authbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ops}: the operators' client API, off unless user and password are both set. */
class OpsConfigTest {
    private static final String MINIMAL = """
            environmentId: 0e3c4a35-5d52-4b8e-9f0f-2f6d1c7f3a10
            directory:
              urls: [ldap://ldap.example.com:389]
              users:
                baseDn: ou=people,dc=example,dc=com
            """;

    private static AuthbridgeConfig parse(String extra, Map<String, String> env) {
        return new ConfigLoader(env).parse(MINIMAL + extra, Path.of("").toAbsolutePath());
    }

    private static List<String> problems(String extra) {
        return assertThrows(ConfigException.class, () -> parse(extra, Map.of())).problems();
    }

    @Test
    void parseWhenAbsentThenOffWithTheDefaultBound() {
        OpsConfig ops = parse("", Map.of()).ops();
        assertFalse(ops.enabled());
        assertEquals(OpsConfig.DEFAULT_MAX_CLIENTS, ops.maxClients());
    }

    @Test
    void parseWhenUserAndPasswordFromEnvironmentThenOnAndPasswordNeverPrinted() {
        OpsConfig ops = parse("""
                ops:
                  user: provisioner
                  password: ${OPS_PASSWORD}
                  maxClients: 25
                """, Map.of("OPS_PASSWORD", "a-long-ops-Password")).ops();
        assertTrue(ops.enabled());
        assertEquals("provisioner", ops.user());
        assertTrue(ops.password().matches("a-long-ops-Password"));
        assertEquals(25, ops.maxClients());
        assertFalse(ops.toString().contains("a-long-ops-Password"), ops.toString());
    }

    @Test
    void parseWhenShippedThenOnWithTheDemoPassword() {
        OpsConfig ops = new ConfigLoader(Map.of()).load(Path.of("config.yaml").toAbsolutePath()).ops();
        assertTrue(ops.enabled());
        assertTrue(ops.password().matches("demo-ops-password"));
    }

    @Test
    void parseWhenBadThenEveryProblemWithItsPathAndTheOthersTogether() {
        List<String> problems = problems("""
                ops:
                  user: "a:b"
                  password: short
                  maxClients: -1
                  extra: 1
                lockout:
                  window: soon
                """);
        assertTrue(problems.contains("ops.user: must be a non-empty name without ':' (HTTP Basic ends the name at the first colon)"),
                problems::toString);
        assertTrue(problems.contains("ops.password: must be at least 12 characters"), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("ops.maxClients:")), problems::toString);
        assertTrue(problems.contains("ops.extra: unknown setting"), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("lockout.window:")), "reported with the others: " + problems);
    }

    @Test
    void parseWhenOnlyOneOfUserAndPasswordThenProblem() {
        assertEquals(List.of("ops.password: is required with ops.user"), problems("ops:\n  user: ops\n"));
        assertEquals(List.of("ops.user: is required with ops.password"), problems("ops:\n  password: long-enough-Pass\n"));
    }
}
