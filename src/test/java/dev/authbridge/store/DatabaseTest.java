package dev.authbridge.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine-neutral half of {@link Database}, on a real SQLite file: the write transaction run
 * again when the dialect calls its failure transient, the sweep, instants as epoch milliseconds,
 * and migrations driven by whatever steps and version bookkeeping a dialect brings.
 */
class DatabaseTest {
    @TempDir
    Path dir;

    /** SQLite, with what a test changes: which failures are transient, which migration steps. */
    private static class TestDialect implements Dialect {
        final SqliteDialect sqlite;
        final List<String> locks = new ArrayList<>();

        TestDialect(Path file) {
            sqlite = new SqliteDialect(file, Duration.ofSeconds(5));
        }

        @Override
        public String location() {
            return sqlite.location();
        }

        @Override
        public HikariDataSource openPool() throws IOException {
            return sqlite.openPool();
        }

        @Override
        public Optional<Duration> singleWriterWait() {
            return sqlite.singleWriterWait();
        }

        @Override
        public synchronized void lock(Handle transaction, String name) {
            locks.add(name);
        }

        @Override
        public List<List<String>> migrations() {
            return sqlite.migrations();
        }

        @Override
        public int schemaVersion(Handle handle) {
            return sqlite.schemaVersion(handle);
        }

        @Override
        public void setSchemaVersion(Handle handle, int version) {
            sqlite.setSchemaVersion(handle, version);
        }

        @Override
        public boolean isTransient(SQLException failure) {
            return sqlite.isTransient(failure);
        }

        @Override
        public String describe(SQLException failure) {
            return sqlite.describe(failure);
        }

        @Override
        public String reason(SQLException failure) {
            return sqlite.reason(failure);
        }

        @Override
        public boolean requiredAtOpen() {
            return true;
        }

        @Override
        public ChangeFeed changeFeed(Database database, java.time.Clock clock) {
            return sqlite.changeFeed(database, clock);
        }
    }

    /** Calls a unique-constraint failure transient, as PostgreSQL's dialect would a deadlock. */
    private static final class UniqueIsTransient extends TestDialect {
        UniqueIsTransient(Path file) {
            super(file);
        }

        @Override
        public boolean isTransient(SQLException failure) {
            return String.valueOf(failure.getMessage()).contains("SQLITE_CONSTRAINT_PRIMARYKEY");
        }
    }

    private static void createTable(Database db) {
        db.write("create", h -> h.execute("CREATE TABLE t (k TEXT PRIMARY KEY, at INTEGER, done INTEGER)"));
        db.update("insert", "INSERT INTO t (k) VALUES ('taken')");
    }

    @Test
    void writeWhenFailureTransientThenRunAgainWithNothingOfTheFailedRunKept() {
        try (Database db = Database.open(new UniqueIsTransient(dir.resolve("s.db")), StoreObserver.NONE)) {
            createTable(db);
            AtomicInteger runs = new AtomicInteger();

            int inserted = db.write("retried", h -> {
                h.execute("INSERT INTO t (k) VALUES (?)", "run-" + runs.incrementAndGet());
                if (runs.get() == 1) {
                    h.execute("INSERT INTO t (k) VALUES ('taken')");
                }
                return h.execute("INSERT INTO t (k) VALUES ('new')");
            });

            assertEquals(1, inserted);
            assertEquals(2, runs.get());
            assertEquals(List.of("new", "run-2", "taken"),
                    db.call("keys", h -> h.createQuery("SELECT k FROM t ORDER BY k").mapTo(String.class).list()));
        }
    }

    @Test
    void writeWhenTransientEveryTimeThenUnavailableAfterThreeRuns() {
        try (Database db = Database.open(new UniqueIsTransient(dir.resolve("s.db")), StoreObserver.NONE)) {
            createTable(db);
            AtomicInteger runs = new AtomicInteger();

            var e = assertThrows(StoreUnavailableException.class, () -> db.write("doomed", h -> {
                runs.incrementAndGet();
                return h.execute("INSERT INTO t (k) VALUES ('taken')");
            }));

            assertEquals(Database.WRITE_ATTEMPTS, runs.get());
            assertTrue(e.getMessage().startsWith("store doomed failed: [SQLITE_CONSTRAINT_PRIMARYKEY]"), e.getMessage());
            assertFalse(e.getMessage().contains("'taken'"), "no bound or literal value in the message");
        }
    }

    @Test
    void writeWhenFailureNotTransientThenRunOnce() {
        try (Database db = Database.open(new TestDialect(dir.resolve("s.db")), StoreObserver.NONE)) {
            createTable(db);
            AtomicInteger runs = new AtomicInteger();

            assertThrows(StoreUnavailableException.class, () -> db.write("conflict", h -> {
                runs.incrementAndGet();
                return h.execute("INSERT INTO t (k) VALUES (?)", "taken");
            }));

            assertEquals(1, runs.get());
        }
    }

    @Test
    void executeWhenFailureTransientThenRunAgainAsJdbisStatementsAre() {
        try (Database db = Database.open(new UniqueIsTransient(dir.resolve("s.db")), StoreObserver.NONE)) {
            createTable(db);
            AtomicInteger runs = new AtomicInteger();

            int inserted = db.write("retried", h -> {
                db.execute(h, "INSERT INTO t (k) VALUES (?)", "run-" + runs.incrementAndGet());
                if (runs.get() == 1) {
                    db.execute(h, "INSERT INTO t (k) VALUES (?)", "taken");
                }
                return db.execute(h, "INSERT INTO t (k) VALUES (?)", "new");
            });

            assertEquals(1, inserted);
            assertEquals(2, runs.get());
            assertEquals(List.of("new", "run-2", "taken"), keys(db));
        }
    }

    @Test
    void executeWhenFailureNotTransientThenUnavailableNamingTheOperationNotTheValue() {
        try (Database db = Database.open(new TestDialect(dir.resolve("s.db")), StoreObserver.NONE)) {
            createTable(db);

            var e = assertThrows(StoreUnavailableException.class,
                    () -> db.write("conflict", h -> db.execute(h, "INSERT INTO t (k) VALUES (?)", "taken")));

            assertTrue(e.getMessage().startsWith("store conflict failed: [SQLITE_CONSTRAINT_PRIMARYKEY]"), e.getMessage());
            assertFalse(e.getMessage().contains("taken"), e.getMessage());
        }
    }

    @Test
    void queryWhenStatementFailsThenUnavailableNamingTheOperationNotTheValue() {
        try (Database db = Database.open(new TestDialect(dir.resolve("s.db")), StoreObserver.NONE)) {
            createTable(db);

            var e = assertThrows(StoreUnavailableException.class,
                    () -> db.query("lookup", "SELECT k FROM missing WHERE k = ?", rs -> rs.next(), "secret-hash"));

            assertTrue(e.getMessage().startsWith("store lookup failed: "), e.getMessage());
            assertFalse(e.getMessage().contains("secret-hash"), e.getMessage());
            assertEquals(List.of("taken"), keys(db), "the store still answers");
        }
    }

    @Test
    void executeAndQueryWhenInstantsAndNullsBoundThenStoredAsJdbiStoresThem() {
        try (Database db = Database.open(new TestDialect(dir.resolve("s.db")), StoreObserver.NONE)) {
            createTable(db);
            Instant at = Instant.parse("2030-01-01T00:00:00.123Z");

            db.write("stamp", h -> db.execute(h, "INSERT INTO t (k, at, done) VALUES (?, ?, ?)", "direct", at, null));
            db.update("stamp", "INSERT INTO t (k, at, done) VALUES (?, ?, ?)", "jdbi", at, null);

            String sql = "SELECT at, done FROM t WHERE k = ?";
            for (String k : List.of("direct", "jdbi")) {
                List<Object> row = db.query("read", sql, rs -> {
                    assertTrue(rs.next());
                    return List.of(Columns.instant(rs, "at"), Optional.ofNullable(rs.getObject("done")));
                }, k);
                assertEquals(List.of(at, Optional.empty()), row, k);
            }
            assertEquals(Optional.empty(), db.query("read", sql, rs -> rs.next() ? Optional.of(1) : Optional.empty(), "none"));
        }
    }

    private static List<String> keys(Database db) {
        return db.call("keys", h -> h.createQuery("SELECT k FROM t ORDER BY k").mapTo(String.class).list());
    }

    @Test
    void updateWhenInstantBoundThenStoredAsEpochMillisAndReadBack() {
        try (Database db = Database.open(new TestDialect(dir.resolve("s.db")), StoreObserver.NONE)) {
            createTable(db);
            Instant at = Instant.parse("2030-01-01T00:00:00.123Z");

            db.update("stamp", "UPDATE t SET at = ? WHERE k = ?", at, "taken");

            long stored = db.call("raw", h -> h.createQuery("SELECT at FROM t").mapTo(Long.class).one());
            assertEquals(at.toEpochMilli(), stored);
            assertEquals(at, db.call("mapped", h -> h.createQuery("SELECT at FROM t").mapTo(Instant.class).one()));
            assertEquals(at, db.call("column", h -> h.createQuery("SELECT at FROM t")
                    .map((rs, ctx) -> Columns.instant(rs, "at")).one()));
        }
    }

    @Test
    void sweepWhenRunThenRepeatsUntilNothingChangesAndCountsEveryRow() {
        try (Database db = Database.open(new TestDialect(dir.resolve("s.db")), StoreObserver.NONE)) {
            createTable(db);
            db.update("more", "INSERT INTO t (k) VALUES ('a'), ('b')");

            assertEquals(3, db.sweep("finish", "UPDATE t SET done = 1 WHERE done IS NULL"));
            assertEquals(0, db.sweep("finish", "UPDATE t SET done = 1 WHERE done IS NULL"));
        }
    }

    @Test
    void sweepWhenStatementNeverExcludesItsRowsThenRefusedInsteadOfLoopingForever() {
        try (Database db = Database.open(new TestDialect(dir.resolve("s.db")), StoreObserver.NONE)) {
            createTable(db);

            assertThrows(IllegalStateException.class, () -> db.sweep("endless", "UPDATE t SET done = 1"));
        }
    }

    @Test
    void openWhenDialectBringsItsOwnStepsAndVersionTableThenMigratedUnderItsLockOnce() {
        Path file = dir.resolve("other-engine.db");
        List<List<String>> steps = List.of(
                List.of("CREATE TABLE schema_version (version INTEGER NOT NULL)",
                        "INSERT INTO schema_version (version) VALUES (0)",
                        "CREATE TABLE first (x INTEGER)"),
                List.of("CREATE TABLE second (x INTEGER)"));
        class OwnSteps extends TestDialect {
            OwnSteps() {
                super(file);
            }

            @Override
            public List<List<String>> migrations() {
                return steps;
            }

            @Override
            public int schemaVersion(Handle h) {
                return h.createQuery("SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_version'")
                        .mapTo(Integer.class).one() == 0
                        ? 0 : h.createQuery("SELECT version FROM schema_version").mapTo(Integer.class).one();
            }

            @Override
            public void setSchemaVersion(Handle h, int version) {
                h.execute("UPDATE schema_version SET version = ?", version);
            }
        }
        OwnSteps dialect = new OwnSteps();

        try (Database db = Database.open(dialect, StoreObserver.NONE)) {
            assertEquals(2, (int) db.call("version", dialect::schemaVersion));
            assertEquals(2, (int) db.call("tables", h -> h.createQuery(
                    "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('first', 'second')").mapTo(Integer.class).one()));
            assertEquals(0, (int) db.call("pragma", dialect.sqlite::schemaVersion), "SQLite's own bookkeeping untouched");
        }
        assertEquals(List.of(Migrations.LOCK, Migrations.LOCK), dialect.locks, "each step under the lock");

        try (Database reopened = Database.open(dialect, StoreObserver.NONE)) {
            assertEquals(2, (int) reopened.call("version", dialect::schemaVersion));
        }
        assertEquals(2, dialect.locks.size(), "nothing to apply, no lock taken");
    }
}
