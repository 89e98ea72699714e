package dev.authbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.TestCertificates;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code server.tls}, {@code server.trustedProxies}, {@code lockout}, {@code audit}, {@code management}. */
class OperationsConfigTest {
    private static final String MINIMAL = """
            environmentId: 0e3c4a35-5d52-4b8e-9f0f-2f6d1c7f3a10
            directory:
              urls: [ldap://ldap.example.com:389]
              users:
                baseDn: ou=people,dc=example,dc=com
            """;

    @TempDir
    Path dir;

    private AuthbridgeConfig parse(String extra) {
        return new ConfigLoader(Map.of()).parse(MINIMAL + extra, dir);
    }

    private List<String> problems(String extra) {
        return assertThrows(ConfigException.class, () -> parse(extra)).problems();
    }

    @Test
    void parseWhenNothingSetThenSafeDefaults() {
        AuthbridgeConfig c = parse("");
        assertNull(c.server().tls());
        assertTrue(c.server().trustedProxies().isEmpty(), "no proxy is trusted unless configured");
        assertEquals(LockoutConfig.defaults(), c.lockout());
        assertTrue(c.lockout().enabled());
        assertEquals(10, c.lockout().userMaxFailures());
        assertEquals(50, c.lockout().ipMaxFailures());
        assertEquals(dir.resolve("data/audit.log"), c.audit().file(), "next to the store");
        assertFalse(c.audit().stdout());
        assertFalse(c.audit().failClosed(), "fail-open by default");
        assertFalse(c.management().separateListener());
        assertEquals("/health", c.management().healthPath());
        assertEquals("/metrics", c.management().metricsPath());
    }

    @Test
    void parseWhenEverythingSetThenRead() throws Exception {
        Path keys = TestCertificates.localhost(dir, "server.p12");
        AuthbridgeConfig c = parse("""
                server:
                  host: 0.0.0.0
                  publicUrl: https://sso.example.com
                  trustedProxies: [10.0.0.0/8, 192.0.2.7, "fd00::/8"]
                  tls:
                    keyStore: server.p12
                    keyStorePassword: store-Secret!
                    hstsMaxAge: 0
                lockout:
                  enabled: false
                  userMaxFailures: 5
                  ipMaxFailures: 100
                  window: 5m
                  duration: 1m
                  maxDuration: 2h
                  forgetAfter: 7d
                audit:
                  file: none
                  stdout: true
                management:
                  port: 9095
                  host: 127.0.0.1
                  healthPath: /status
                  metricsPath: none
                """);
        assertEquals(keys, c.server().tls().keyStoreFile());
        assertFalse(c.server().tls().hsts());
        assertTrue(c.server().tls().keyStore().isKeyEntry(TestCertificates.ALIAS));
        assertEquals("store-Secret!", c.server().tls().keyPassword().reveal(), "the key store's password by default");
        assertTrue(c.server().trustedProxies().get(0).contains(InetAddress.getByName("10.200.1.1")));
        assertFalse(c.server().trustedProxies().get(1).contains(InetAddress.getByName("192.0.2.8")));
        assertTrue(c.server().trustedProxies().get(2).contains(InetAddress.getByName("fd12::1")));
        assertEquals(new LockoutConfig(false, 5, 100, Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(2),
                Duration.ofDays(7)), c.lockout());
        assertNull(c.audit().file());
        assertTrue(c.audit().stdout());
        assertEquals(new ManagementConfig(9095, "127.0.0.1", "/status", null), c.management());
    }

    @Test
    void parseWhenTlsKeyStoreWrongThenProblemsNameTheKeyNotThePassword() throws Exception {
        TestCertificates.localhost(dir, "server.p12");
        List<String> wrongPassword = problems("server:\n  tls:\n    keyStore: server.p12\n    keyStorePassword: Guess-123\n");
        assertEquals(1, wrongPassword.size(), wrongPassword.toString());
        assertTrue(wrongPassword.get(0).startsWith("server.tls.keyStore: "), wrongPassword.get(0));
        assertFalse(wrongPassword.get(0).contains("Guess-123"), "a password never appears in a problem");
        assertTrue(problems("server:\n  tls:\n    keyStore: missing.p12\n").get(0).contains("is not a readable file"));
        assertTrue(problems("server:\n  tls:\n    keyStorePassword: x\n").contains("server.tls.keyStore: is required"));
        assertTrue(problems("server:\n  tls:\n    keyStore: server.p12\n    keyStorePassword: store-Secret!\n    hsts: yes\n")
                .contains("server.tls.hsts: unknown setting"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.example.com", "10.0.0.0/33", "10.0.0.1/-1", "*", "10.0.0", "", "::1/129"})
    void parseWhenTrustedProxyNotAnAddressThenProblem(String value) {
        List<String> found = problems("server:\n  trustedProxies: ['" + value + "']\n");
        assertTrue(found.get(0).startsWith("server.trustedProxies: '" + value + "' is not an IP address or CIDR block"),
                found.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "lockout:\\n  userMaxFailures: 0                        | lockout.userMaxFailures: 0 is out of range",
            "lockout:\\n  window: 0s                                | lockout.window: must be positive",
            "lockout:\\n  duration: 1h\\n  maxDuration: 10m         | lockout.maxDuration: must not be shorter than duration",
            "lockout:\\n  tries: 3                                  | lockout.tries: unknown setting",
            "management:\\n  port: 8095                             | management.port: must differ from server.port",
            "management:\\n  host: 0.0.0.0                          | management.host: needs management.port",
            "management:\\n  healthPath: health                     | management.healthPath: 'health' is not an absolute path",
            "management:\\n  metricsPath: /health                   | management.metricsPath: must differ from healthPath",
            "management:\\n  healthPath: /auth/v3/health            | management.healthPath: must not lie under /auth/",
            "audit:\\n  stdout: maybe                               | audit.stdout: 'maybe' is not true or false",
            "audit:\\n  file: none\\n  failClosed: true           | audit.failClosed: needs audit.file"})
    void parseWhenOperationsSettingWrongThenProblemWithItsPath(String yaml, String expected) {
        List<String> found = problems(yaml.replace("\\n", "\n"));
        assertTrue(found.stream().anyMatch(p -> p.startsWith(expected)), found.toString());
    }

    @Test
    void networkRangeWhenPrefixNotOnAByteBoundaryThenMaskedCorrectly() throws Exception {
        NetworkRange range = NetworkRange.parse("192.0.2.64/27");
        assertTrue(range.contains(InetAddress.getByName("192.0.2.95")));
        assertFalse(range.contains(InetAddress.getByName("192.0.2.96")));
        assertFalse(NetworkRange.parse("0.0.0.0/0").contains(InetAddress.getByName("2001:db8::1")), "v4 never holds v6");
    }
}
