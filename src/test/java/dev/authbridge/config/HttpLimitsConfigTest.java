package dev.authbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code server.*} limits under hostile traffic: safe defaults, every bad value reported with its path. */
class HttpLimitsConfigTest {
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

    @Test
    void parseWhenNothingSetThenSafeDefaults() {
        HttpLimits limits = parse("").server().limits();
        assertEquals(HttpLimits.DEFAULTS, limits);
        assertEquals(8 * 1024, limits.maxHeaderBytes());
        assertEquals(Duration.ofSeconds(10), limits.headerTimeout());
        assertEquals(Duration.ofSeconds(20), limits.bodyTimeout());
        assertEquals(512, limits.minRequestDataRate());
        assertEquals(4096, limits.maxConnections());
        assertEquals(128, limits.maxConnectionsPerAddress());
        assertEquals(200, limits.maxConcurrentRequests());
    }

    @Test
    void parseWhenEverythingSetThenRead() {
        HttpLimits limits = parse("""
                server:
                  maxHeaderSize: 16KiB
                  idleTimeout: 1m
                  headerTimeout: 5s
                  bodyTimeout: 500ms
                  minRequestDataRate: 2KiB
                  maxConnections: 1000
                  maxConnectionsPerAddress: 20
                  maxConcurrentRequests: 50
                """).server().limits();
        assertEquals(new HttpLimits(16 * 1024, Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofMillis(500),
                2048, 1000, 20, 50), limits);
        assertEquals(0, parse("server:\n  minRequestDataRate: 0\n").server().limits().minRequestDataRate(),
                "0 turns the rate check off");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "maxHeaderSize: 512                    | server.maxHeaderSize: must be between 1KiB and 64KiB",
            "maxHeaderSize: 1MiB                   | server.maxHeaderSize: must be between 1KiB and 64KiB",
            "maxHeaderSize: lots                   | server.maxHeaderSize: 'lots' is not a size",
            "idleTimeout: 0s                       | server.idleTimeout: must be between 100ms and 1h",
            "headerTimeout: 2h                     | server.headerTimeout: must be between 100ms and 1h",
            "bodyTimeout: soon                     | server.bodyTimeout: 'soon' is not a duration",
            "minRequestDataRate: fast              | server.minRequestDataRate: 'fast' is not a size per second",
            "maxConnections: 0                     | server.maxConnections: 0 is out of range",
            "maxConnectionsPerAddress: 0           | server.maxConnectionsPerAddress: 0 is out of range",
            "maxConnections: 10\\n  maxConnectionsPerAddress: 20 | server.maxConnectionsPerAddress: 20 is more than maxConnections",
            "maxConcurrentRequests: -1             | server.maxConcurrentRequests: -1 is out of range"})
    void parseWhenLimitWrongThenProblemWithItsPath(String yaml, String expected) {
        List<String> found = assertThrows(ConfigException.class,
                () -> parse("server:\n  " + yaml.replace("\\n", "\n"))).problems();
        assertTrue(found.stream().anyMatch(p -> p.startsWith(expected)), found.toString());
    }
}
