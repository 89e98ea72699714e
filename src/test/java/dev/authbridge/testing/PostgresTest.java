package dev.authbridge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: a real PostgreSQL, its role, outages, a standby and its promotion, TLS. */
class PostgresTest {

    @TempDir Path tmp;

    @Test
    void startWhenStartedThenOnlyTheRoleWithItsPasswordConnects() throws Exception {
        try (Postgres pg = Postgres.start(Postgres.options())) {
            assertEquals("postgresql://127.0.0.1:" + pg.port() + "/authbridge", pg.url());
            assertEquals("jdbc:postgresql://127.0.0.1:" + pg.port() + "/authbridge", pg.jdbcUrl());
            try (Connection connection = pg.connect()) {
                assertEquals("authbridge", query(connection, "SELECT current_user"));
                assertEquals("authbridge", query(connection, "SELECT current_database()"));
                assertEquals("false", query(connection, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"));
                assertEquals("127.0.0.1", query(connection, "SHOW listen_addresses"));
                assertEquals("off", query(connection, "SHOW fsync"));
                assertEquals("scram-sha-256", query(connection, "SHOW password_encryption"));
            }
            SQLException wrong = assertThrows(SQLException.class,
                    () -> Postgres.connect(pg.jdbcUrl(), pg.user(), "not-the-password").close());
            assertEquals("28P01", wrong.getSQLState(), wrong.getMessage()); // invalid_password
            SQLException empty = assertThrows(SQLException.class,
                    () -> Postgres.connect(pg.jdbcUrl(), pg.user(), "").close());
            assertNotEquals("00000", empty.getSQLState());

            String serverUser = ProcessHandle.of(postmasterPid(pg)).orElseThrow().info().user().orElseThrow();
            assertNotEquals("root", serverUser, "PostgreSQL never runs as root");
        }
    }

    @Test
    void stopWhenStartedAgainThenSamePortAndCommittedRowsKept() throws Exception {
        try (Postgres pg = Postgres.start(Postgres.options())) {
            int port = pg.port();
            try (Connection connection = pg.connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE token (id text PRIMARY KEY)");
                statement.execute("INSERT INTO token VALUES ('before-stop')");
            }

            pg.stop();
            assertFalse(pg.isRunning());
            SQLException refused = assertThrows(SQLException.class, () -> pg.connect().close());
            assertEquals("08001", refused.getSQLState(), refused.getMessage()); // connection refused
            pg.stop(); // idempotent

            pg.start();
            assertTrue(pg.isRunning());
            assertEquals(port, pg.port());
            try (Connection connection = pg.connect(); Statement statement = connection.createStatement()) {
                assertEquals("before-stop", query(connection, "SELECT id FROM token"));
                statement.execute("INSERT INTO token VALUES ('before-kill')");
            }

            pg.kill();
            assertFalse(pg.isRunning());
            pg.start(); // crash recovery
            try (Connection connection = pg.connect()) {
                assertEquals("2", query(connection, "SELECT count(*) FROM token"));
            }
        }
    }

    @Test
    void closeWhenDoneThenServerGoneAndDirectoryDeleted() throws Exception {
        Postgres pg = Postgres.start(Postgres.options());
        Path dir = pg.dir();
        int port = pg.port();
        pg.close();
        assertFalse(Files.exists(dir));
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            }
        });
        pg.close(); // idempotent
        assertThrows(IllegalStateException.class, pg::start);
    }

    @Test
    void standbyOfWhenPromotedThenAcceptsWritesAndTheMultiHostUrlFollowsIt() throws Exception {
        try (Postgres primary = Postgres.start(Postgres.options());
                Postgres standby = Postgres.standbyOf(primary)) {
            assertNotEquals(primary.port(), standby.port());
            try (Connection connection = primary.connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE token (id text PRIMARY KEY)");
                statement.execute("INSERT INTO token VALUES ('committed-on-primary')");
            }
            try (Connection connection = standby.connect(); Statement statement = connection.createStatement()) {
                assertEquals("true", query(connection, "SELECT pg_is_in_recovery()::text"));
                assertTrue(ServerProcesses.await(Duration.ofSeconds(10),
                        () -> "1".equals(queryQuietly(connection, "SELECT count(*) FROM token"))),
                        "the committed row reaches the standby; log:\n" + standby.log());
                SQLException readOnly = assertThrows(SQLException.class,
                        () -> statement.execute("INSERT INTO token VALUES ('on-standby')"));
                assertEquals("25006", readOnly.getSQLState()); // read_only_sql_transaction
            }
            String multiHost = Postgres.multiHostJdbcUrl(primary, standby);
            assertEquals("jdbc:postgresql://127.0.0.1:" + primary.port() + ",127.0.0.1:" + standby.port()
                    + "/authbridge?targetServerType=primary", multiHost);
            assertEquals(Integer.toString(primary.port()), serverPort(multiHost, primary));

            primary.kill();
            standby.promote();

            try (Connection connection = standby.connect(); Statement statement = connection.createStatement()) {
                assertEquals("false", query(connection, "SELECT pg_is_in_recovery()::text"));
                statement.execute("INSERT INTO token VALUES ('after-promotion')");
                assertEquals("2", query(connection, "SELECT count(*) FROM token"));
            }
            assertEquals(Integer.toString(standby.port()), serverPort(multiHost, standby));
        }
    }

    @Test
    void tlsWhenVerifyFullWithTheCaThenConnectsAndOtherwiseRefused() throws Exception {
        try (Postgres pg = Postgres.start(Postgres.options().tls())) {
            assertTrue(Files.readString(pg.caFile()).startsWith("-----BEGIN CERTIFICATE-----"));
            try (Connection connection = pg.connect()) {
                assertEquals("true", query(connection, "SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()"));
            }
            String plain = "jdbc:" + pg.url();
            // the CA file is the trust anchor: with none, or with another one, verify-full refuses
            assertThrows(SQLException.class,
                    () -> Postgres.connect(plain + "?sslmode=verify-full", pg.user(), pg.password()).close());
            Path otherKeys = TestCertificates.localhost(tmp, "other.p12");
            Path otherCa = tmp.resolve("other-ca.crt");
            PostgresFiles.writeCertificate(Files.createDirectories(tmp.resolve("other")), otherKeys, otherCa);
            SQLException untrusted = assertThrows(SQLException.class, () -> Postgres.connect(
                    plain + "?sslmode=verify-full&sslrootcert=" + URLEncoder.encode(otherCa.toString(),
                            StandardCharsets.UTF_8), pg.user(), pg.password()).close());
            assertTrue(String.valueOf(rootCause(untrusted).getMessage()).contains("PKIX")
                    || untrusted.getMessage().contains("SSL"), untrusted.getMessage());
            // TCP without TLS is refused by pg_hba (hostssl only)
            SQLException cleartext = assertThrows(SQLException.class,
                    () -> Postgres.connect(plain + "?sslmode=disable", pg.user(), pg.password()).close());
            assertEquals("28000", cleartext.getSQLState(), cleartext.getMessage()); // no pg_hba.conf entry
        }
    }

    @Test
    void sharedWhenAskedTwiceThenOneServerThatGivesEachCallerItsDatabase() throws Exception {
        Postgres pg = Postgres.shared();
        assertSame(pg, Postgres.shared());
        String database = pg.createDatabase("postgres_test_shared");
        try (Connection connection = Postgres.connect(pg.jdbcUrl(database), pg.user(), pg.password())) {
            assertEquals(database, query(connection, "SELECT current_database()"));
            assertEquals("authbridge", query(connection,
                    "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"));
        }
        assertThrows(IllegalStateException.class, pg::stop);
        pg.close(); // not ours: nothing happens
        assertTrue(pg.isRunning());
    }

    private static String serverPort(String jdbcUrl, Postgres credentials) throws SQLException {
        try (Connection connection = Postgres.connect(jdbcUrl, credentials.user(), credentials.password())) {
            return query(connection, "SELECT inet_server_port()::text");
        }
    }

    private static long postmasterPid(Postgres pg) throws Exception {
        return Long.parseLong(Files.readAllLines(pg.dir().resolve("data/postmaster.pid")).get(0).strip());
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), sql);
            return rows.getString(1);
        }
    }

    private static String queryQuietly(Connection connection, String sql) {
        try {
            return query(connection, sql);
        } catch (SQLException e) {
            return null; // the table has not been replayed yet
        }
    }

    private static Throwable rootCause(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e;
    }
}
