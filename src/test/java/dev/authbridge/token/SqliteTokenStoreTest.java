package dev.authbridge.token;

import dev.authbridge.store.Migrations;
import dev.authbridge.store.SqliteDialect;
import dev.authbridge.store.SqliteSchema;

import dev.authbridge.store.StoreUnavailableException;

import dev.authbridge.testing.MutableClock;
import static dev.authbridge.token.Tokens.JDOE;
import static dev.authbridge.token.Tokens.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.authbridge.config.StoreConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class SqliteTokenStoreTest extends TokenStoreContract {

    @TempDir
    Path dir;

    @Override
    protected TokenStore openStore() {
        return SqlTokenStore.open(config(dir.resolve("contract.db")));
    }

    @Override
    protected TokenStore openPeerStore() {
        return SqlTokenStore.open(config(dir.resolve("contract.db")));
    }

    @Test
    void openWhenReopenedThenTokensSurvive() {
        Path file = dir.resolve("state/tokens.db");
        StoredToken token = Tokens.refresh("fam-1", JDOE, "wwe");
        try (TokenStore first = SqlTokenStore.open(config(file))) {
            first.save(token);
            first.markUsed(token.hash(), T0.plusSeconds(1));
        }

        try (TokenStore second = SqlTokenStore.open(config(file))) {
            assertEquals(T0.plusSeconds(1), second.find(token.hash()).orElseThrow().usedAt());
        }
    }

    @Test
    void openWhenNewFileThenWalModeAndLatestSchema() throws SQLException {
        Path file = dir.resolve("tokens.db");
        SqlTokenStore.open(config(file)).close();

        assertEquals("wal", pragma(file, "journal_mode"));
        assertEquals(String.valueOf(SqliteSchema.LATEST), pragma(file, "user_version"));
    }

    @Test
    void openWhenNewFileThenOwnerOnlyPermissions() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("new/sub/tokens.db");
        SqlTokenStore.open(config(file)).close();

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    void saveWhenTokensIssuedThenRawTokenAppearsNowhereInTheFiles() throws Exception {
        Path file = dir.resolve("tokens.db");
        List<String> raw = new ArrayList<>();
        try (TokenStore tokens = SqlTokenStore.open(config(file))) {
            TokenService service = new TokenService(tokens, new MutableClock(T0));
            IssuedTokens issued = service.issue(JDOE, "wwe", "*", Duration.ofHours(1), Duration.ofDays(1));
            raw.add(issued.accessToken());
            raw.add(issued.refreshToken());
            var check = (RefreshCheck.Valid) service.checkRefresh(issued.refreshToken(), "wwe");
            IssuedTokens rotated = service.rotate(
                    check.refresh(), Duration.ofHours(1), Duration.ofDays(1), true, issued.refreshToken())
                    .orElseThrow();
            raw.add(rotated.accessToken());
            raw.add(rotated.refreshToken());

            // Checked while the store is open too: rows may still sit in the -wal file.
            assertRawTokensAbsent(file, raw);
        }
        assertRawTokensAbsent(file, raw);
    }

    @Test
    void openWhenFileIsSchemaV1ThenMigratedAndDataSurvives() throws SQLException {
        Path file = dir.resolve("v1.db");
        SQLiteDataSource plain = new SQLiteDataSource();
        plain.setUrl("jdbc:sqlite:" + file);
        Jdbi v1 = Jdbi.create(plain);
        Migrations.migrate(v1, new SqliteDialect(file, Duration.ofSeconds(5)), 1);
        StoredToken token = Tokens.access("fam-1", JDOE, "wwe");
        v1.useHandle(h -> h.execute("INSERT INTO tokens (hash, kind, family, subject, user_dn, user_name, "
                        + "tenant_id, client_id, scope, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                token.hash(), "ACCESS", "fam-1", JDOE.subject(), JDOE.userDn(), JDOE.userName(), JDOE.tenantId(),
                "wwe", "*", T0.toEpochMilli(), token.expiresAt().toEpochMilli()));
        assertEquals("1", pragma(file, "user_version"));

        try (TokenStore migrated = SqlTokenStore.open(config(file))) {
            assertEquals(Optional.of(token), migrated.find(token.hash()));
        }

        assertEquals(String.valueOf(SqliteSchema.LATEST), pragma(file, "user_version"));
        assertEquals(List.of("tokens_exchanged_by", "tokens_expires_at", "tokens_family", "tokens_subject"),
                indexes(file));
    }

    @Test
    void openWhenSchemaUpToDateThenNothingChanges() throws SQLException {
        Path file = dir.resolve("tokens.db");
        SqlTokenStore.open(config(file)).close();
        String schemaBefore = schema(file);
        String dataVersionBefore = pragma(file, "schema_version");

        SqlTokenStore.open(config(file)).close();

        assertEquals(schemaBefore, schema(file));
        assertEquals(dataVersionBefore, pragma(file, "schema_version"), "no DDL ran on reopen");
    }

    @Test
    void openWhenSchemaNewerThanBuildThenUnavailable() throws SQLException {
        Path file = dir.resolve("future.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (SqliteSchema.LATEST + 1));
        }

        var e = assertThrows(StoreUnavailableException.class, () -> SqlTokenStore.open(config(file)));

        assertTrue(e.getMessage().contains("newer than this build"), e.getMessage());
    }

    @Test
    void openWhenFileIsNotADatabaseThenUnavailable() throws IOException {
        Path file = dir.resolve("garbage.db");
        Files.write(file, "this is not a SQLite database, just text. ".repeat(200).getBytes(StandardCharsets.UTF_8));

        var e = assertThrows(StoreUnavailableException.class, () -> SqlTokenStore.open(config(file)));

        assertTrue(e.getMessage().startsWith("cannot open store " + file), e.getMessage());
        assertTrue(e.getMessage().contains("not a database"), e.getMessage());
    }

    @Test
    void openWhenFileLockedByAnotherConnectionThenUnavailableAfterBusyTimeout() throws SQLException {
        Path file = dir.resolve("locked.db");
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = holder.createStatement()) {
            s.execute("PRAGMA locking_mode = EXCLUSIVE");
            s.execute("CREATE TABLE squatter (x)");
            s.execute("BEGIN EXCLUSIVE");
            s.execute("INSERT INTO squatter VALUES (1)");

            var e = assertThrows(StoreUnavailableException.class,
                    () -> SqlTokenStore.open(new StoreConfig(file, Duration.ofMillis(200), Duration.ofMinutes(1))));

            assertTrue(e.getMessage().startsWith("cannot open store"), e.getMessage());
            assertTrue(e.getMessage().contains("locked"), e.getMessage());
        }
    }

    @Test
    void openWhenParentIsARegularFileThenUnavailable() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path file = notADirectory.resolve("tokens.db");

        var e = assertThrows(StoreUnavailableException.class, () -> SqlTokenStore.open(config(file)));

        assertTrue(e.getMessage().startsWith("cannot open store " + file), e.getMessage());
        assertTrue(e.getMessage().contains("Exception: " + notADirectory), e.getMessage());
    }

    private static StoreConfig config(Path file) {
        return new StoreConfig(file, Duration.ofSeconds(5), Duration.ofMinutes(1));
    }

    private static void assertRawTokensAbsent(Path file, List<String> raw) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT * FROM tokens")) {
            int columns = rows.getMetaData().getColumnCount();
            int count = 0;
            while (rows.next()) {
                count++;
                for (int i = 1; i <= columns; i++) {
                    String value = rows.getString(i);
                    for (String token : raw) {
                        assertFalse(value != null && value.contains(token), "raw token in column " + i);
                    }
                }
            }
            assertEquals(raw.size(), count, "one row per issued token");
        }
        try (Stream<Path> files = Files.list(file.getParent())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String token : raw) {
                    assertFalse(bytes.contains(token), "raw token in " + f.getFileName());
                }
            }
        }
    }

    private static String pragma(Path file, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> indexes(Path file) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index' "
                        + "AND tbl_name = 'tokens' AND sql IS NOT NULL ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static String schema(Path file) throws SQLException {
        StringBuilder sql = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT sql FROM sqlite_master ORDER BY name")) {
            while (rs.next()) {
                sql.append(rs.getString(1)).append('\n');
            }
        }
        return sql.toString();
    }
}
