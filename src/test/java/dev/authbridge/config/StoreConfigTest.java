package dev.authbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.config.PostgresConfig.SslMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code store}: SQLite by {@code path}, PostgreSQL by {@code url}, every problem reported at boot. */
class StoreConfigTest {
    private static final String MINIMAL = """
            environmentId: 0e3c4a35-5d52-4b8e-9f0f-2f6d1c7f3a10
            directory:
              urls: [ldap://ldap.example.com:389]
              users:
                baseDn: ou=people,dc=example,dc=com
            """;

    @TempDir
    Path dir;

    private StoreConfig parse(String store, Map<String, String> env) {
        return new ConfigLoader(env).parse(MINIMAL + store, dir).store();
    }

    private List<String> problems(String store) {
        return assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).parse(MINIMAL + store, dir)).problems();
    }

    @Test
    void parseWhenNoUrlThenSqliteAtPathAsBefore() {
        StoreConfig store = parse("store:\n  path: state/tokens.db\n  busyTimeout: 2s\n", Map.of());

        assertFalse(store.isPostgres());
        assertEquals(dir.resolve("state/tokens.db"), store.path());
        assertEquals(Duration.ofSeconds(2), store.busyTimeout());
        assertNull(store.postgres());
    }

    @Test
    void parseWhenUrlThenPostgresWithDefaultsAndPasswordFromTheEnvironment() {
        StoreConfig store = parse("""
                store:
                  url: postgresql://db.example.com:5432/authbridge
                  user: authbridge
                  password: ${PG_PASSWORD}
                """, Map.of("PG_PASSWORD", "s3cret-Pg!"));

        PostgresConfig pg = store.postgres();
        assertTrue(store.isPostgres());
        assertNull(store.path());
        assertEquals("jdbc:postgresql://db.example.com:5432/authbridge", pg.jdbcUrl());
        assertEquals("postgresql://db.example.com:5432/authbridge", store.location());
        assertEquals("authbridge", pg.user());
        assertTrue(pg.password().matches("s3cret-Pg!"));
        assertEquals(10, pg.poolSize());
        assertEquals(Duration.ofSeconds(5), pg.connectTimeout());
        assertEquals(SslMode.REQUIRE, pg.sslMode(), "TLS unless told otherwise; without a CA it cannot verify");
        assertFalse(store.toString().contains("s3cret-Pg!"), store.toString());
    }

    @Test
    void parseWhenMultiHostJdbcUrlWithCaThenKeptAndVerifyFull() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");
        StoreConfig store = parse("""
                store:
                  url: jdbc:postgresql://pg1:5432,pg2:5433/authbridge?targetServerType=primary
                  user: authbridge
                  password: pw
                  poolSize: 4
                  connectTimeout: 2s
                  sslRootCert: ca.crt
                """, Map.of());

        PostgresConfig pg = store.postgres();
        assertEquals("jdbc:postgresql://pg1:5432,pg2:5433/authbridge?targetServerType=primary", pg.jdbcUrl());
        assertEquals("postgresql://pg1:5432,pg2:5433/authbridge", pg.location());
        assertEquals(SslMode.VERIFY_FULL, pg.sslMode());
        assertEquals(ca, pg.sslRootCert());
        assertEquals(4, pg.poolSize());
        assertEquals(Duration.ofSeconds(2), pg.connectTimeout());
    }

    @Test
    void parseWhenEveryProblemThenAllReportedTogetherAndNoPasswordShown() {
        List<String> problems = problems("""
                store:
                  url: postgresql://db.example.com/authbridge?password=leaked-Secret&colour=blue
                  path: data/authbridge.db
                  busyTimeout: 5s
                  poolSize: 0
                  connectTimeout: 10ms
                  sslMode: verify-full
                  sslRootCert: missing-ca.crt
                  retries: 3
                """);

        String all = String.join("\n", problems);
        assertTrue(all.contains("store.path: is a SQLite setting"), all);
        assertTrue(all.contains("store.busyTimeout: is a SQLite setting"), all);
        assertTrue(all.contains("store.url: parameter 'password' is set by the store keys"), all);
        assertTrue(all.contains("store.url: parameter 'colour' is not one pgjdbc knows"), all);
        assertTrue(all.contains("store.user: is required"), all);
        assertTrue(all.contains("store.password: is required"), all);
        assertTrue(all.contains("store.poolSize: 0 is out of range"), all);
        assertTrue(all.contains("store.connectTimeout: must be between 250ms and 10m"), all);
        assertTrue(all.contains("store.sslRootCert: cannot read " + dir.resolve("missing-ca.crt")), all);
        assertTrue(all.contains("store.retries: unknown setting"), all);
        assertFalse(all.contains("leaked-Secret"), all);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql://db/authbridge", "db.example.com:5432/authbridge", "postgresql://db.example.com:5432",
            "postgresql:///authbridge", "jdbc:postgresql://db:notaport/authbridge", "''"})
    void parseWhenUrlNotPostgresThenProblem(String url) {
        List<String> problems = problems("store:\n  url: " + url + "\n  user: a\n  password: b\n  sslMode: disable\n");

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("store.url: "), problems.toString());
    }

    @Test
    void parseWhenUrlHoldsCredentialsThenProblemWithoutThem() {
        List<String> problems = problems("store:\n  url: postgresql://authbridge:hunter2-Secret@db/authbridge\n"
                + "  user: a\n  password: b\n");

        assertEquals(List.of("store.url: must not hold credentials: give store.user and store.password"), problems);
    }

    @Test
    void parseWhenPostgresKeysWithoutUrlThenProblems() {
        List<String> problems = problems("store:\n  user: authbridge\n  sslMode: disable\n");

        assertEquals(List.of("store.user: is a PostgreSQL setting: it needs store.url",
                "store.sslMode: is a PostgreSQL setting: it needs store.url"), problems);
    }

    @Test
    void parseWhenVerifyWithoutCaOrDisableWithCaThenProblem() throws Exception {
        Files.writeString(dir.resolve("ca.crt"), "x");
        assertEquals(List.of("store.sslMode: verify-ca needs store.sslRootCert (the CA file the server's certificate chains to)"),
                problems("store:\n  url: postgresql://db/a\n  user: a\n  password: b\n  sslMode: verify-ca\n"));
        assertEquals(List.of("store.sslRootCert: is for TLS, and store.sslMode is disable"),
                problems("store:\n  url: postgresql://db/a\n  user: a\n  password: b\n  sslMode: disable\n  sslRootCert: ca.crt\n"));
        assertEquals(List.of("store.sslMode: 'prefer' is not one of disable, require, verify-ca, verify-full"),
                problems("store:\n  url: postgresql://db/a\n  user: a\n  password: b\n  sslMode: prefer\n"));
    }

    @Test
    void parseWhenPostgresThenAuditFileWhereTheSqliteFileWouldBe() {
        AuthbridgeConfig c = new ConfigLoader(Map.of()).parse(MINIMAL
                + "store:\n  url: postgresql://db/a\n  user: a\n  password: b\n", dir);

        assertEquals(dir.resolve("data/audit.log"), c.audit().file());
    }
}
