package dev.authbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code jwt} section: defaults, ES256, and every bad value reported with its key path. */
class JwtConfigTest {
    private static final String REST = """
            environmentId: 0e3c4a35-5d52-4b8e-9f0f-2f6d1c7f3a10
            directory:
              urls: [ldap://ldap.example.com:389]
              users:
                baseDn: ou=people,dc=example,dc=com
            """;

    private static JwtConfig jwt(String section) {
        return new ConfigLoader(Map.of()).parse(REST + section, Path.of("")).jwt();
    }

    @Test
    void parseWhenAbsentThenRs256FiveMinutesAndOneHour() {
        JwtConfig jwt = jwt("");
        assertEquals(SigningAlgorithm.RS256, jwt.algorithm());
        assertEquals(Duration.ofMinutes(5), jwt.userInfoTtl());
        assertEquals(Duration.ofHours(1), jwt.idTokenTtl());
        assertEquals(Duration.ofHours(1), jwt.longestTtl());
    }

    @Test
    void parseWhenEs256AndTtlsThenRead() {
        JwtConfig jwt = jwt("jwt:\n  algorithm: ES256\n  userInfoTtl: 2h\n  idTokenTtl: 10m\n");
        assertEquals(SigningAlgorithm.ES256, jwt.algorithm());
        assertEquals(Duration.ofHours(2), jwt.longestTtl());
    }

    @Test
    void parseWhenBadValuesThenEveryProblemWithPath() {
        List<String> problems = assertThrows(ConfigException.class, () -> jwt(
                "jwt:\n  algorithm: none\n  userInfoTtl: 0s\n  idTokenTtl: soon\n  keyFile: /tmp/k\n")).problems();
        assertEquals(List.of(
                "jwt.algorithm: 'none' is not one of RS256, ES256",
                "jwt.userInfoTtl: must be positive",
                "jwt.idTokenTtl: 'soon' is not a duration such as 5m",
                "jwt.keyFile: unknown setting"), problems);
    }
}
