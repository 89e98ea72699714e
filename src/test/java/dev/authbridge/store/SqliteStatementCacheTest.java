package dev.authbridge.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SqliteStatementCache} through a real SQLite store: a statement is prepared once per
 * connection and found again, a statement in use is never lent twice, bound values never carry
 * over, and results stay right across writes — for JDBI's statements and for {@link Database#query}
 * and {@link Database#execute} alike, which share the cache.
 */
class SqliteStatementCacheTest {
    private static final String READ = "SELECT value FROM cached WHERE id = ?";

    @TempDir
    Path dir;
    private Database db;

    @BeforeEach
    void open() {
        db = Database.open(new SqliteDialect(dir.resolve("store.db"), Duration.ofSeconds(5)), StoreObserver.NONE);
        db.update("create", "CREATE TABLE cached (id INTEGER PRIMARY KEY, value TEXT)");
        db.update("fill", "INSERT INTO cached (id, value) VALUES (1, 'one'), (2, 'two')");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long prepared() {
        return ((SqliteDialect) db.dialect()).statementCache().prepared();
    }

    @Test
    void queryWhenRunAgainThenNotPreparedAgain() {
        read(1);
        long before = prepared();
        for (int i = 0; i < 20; i++) {
            read(1 + i % 2);
        }
        db.call("in one handle", h -> {
            h.createQuery(READ).bind(0, 1).mapTo(String.class).one();
            return h.createQuery(READ).bind(0, 2).mapTo(String.class).one();
        });
        assertEquals(before, prepared());
    }

    @Test
    void queryWhenTheSameSqlRunsInsideItselfThenEachHasItsOwnStatement() {
        List<String> seen = new ArrayList<>();
        db.call("nested", h -> h.createQuery("SELECT id FROM cached ORDER BY id").mapTo(Integer.class).stream()
                .peek(id -> seen.add(h.createQuery(READ).bind(0, id).mapTo(String.class).one()))
                .peek(id -> seen.add(h.createQuery(READ).bind(0, 3 - id).mapTo(String.class).one()))
                .count());
        assertEquals(List.of("one", "two", "two", "one"), seen);
    }

    @Test
    void queryWhenCachedThenSeesEveryCommittedWriteAndNoOldBinding() {
        assertEquals("one", read(1));
        db.update("change", "UPDATE cached SET value = ? WHERE id = ?", "uno", 1);
        assertEquals("uno", read(1));
        assertEquals("two", read(2));
        assertEquals(List.of(), db.call("none", h -> h.createQuery(READ).bind(0, 9).mapTo(String.class).list()));
    }

    @Test
    void statementsWhenManyReadsThenKeptForTheOneConnectionThatServedThem() {
        for (int i = 0; i < 20; i++) {
            read(1);
        }
        assertEquals(1, ((SqliteDialect) db.dialect()).statementCache().connections());
    }

    @Test
    void directQueryWhenRunAgainThenNotPreparedAgainAndSharedWithJdbisStatements() {
        read(1);
        long before = prepared();
        for (int i = 0; i < 20; i++) {
            assertEquals(i % 2 == 0 ? "one" : "two", directRead(1 + i % 2));
        }
        assertEquals("one", read(1));
        assertEquals(before, prepared());
        assertEquals(null, directRead(9), "no binding of an earlier call carries over");
    }

    @Test
    void directExecuteWhenItFailsThenItsStatementIsNotKeptAndTheNextRunsRight() {
        String insert = "INSERT INTO cached (id, value) VALUES (?, ?)";
        db.write("first", h -> db.execute(h, insert, 3, "three"));
        long before = prepared();

        assertThrows(StoreUnavailableException.class, () -> db.write("duplicate", h -> db.execute(h, insert, 3, "again")));
        db.write("next", h -> db.execute(h, insert, 4, "four"));

        assertEquals(before + 1, prepared(), "the failed statement was closed, so the next one was prepared anew");
        assertEquals("three", directRead(3));
        assertEquals("four", directRead(4));
    }

    private String directRead(int id) {
        return db.query("read", READ, rs -> rs.next() ? rs.getString("value") : null, id);
    }

    private String read(int id) {
        return db.call("read", h -> h.createQuery(READ).bind(0, id).mapTo(String.class).one());
    }
}
