package dev.authbridge.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's writes waiting together commit together, each as if alone: its own result, its own
 * failure rolled back alone, nothing told before the commit, nothing run after it was refused.
 */
class GroupCommitTest {
    @TempDir
    Path dir;

    private final List<String> operations = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private Database db;

    @BeforeEach
    void open() {
        db = Database.open(new SqliteDialect(dir.resolve("s.db"), Duration.ofMillis(250)),
                (operation, nanos, ok) -> operations.add(operation));
        db.write("create", h -> h.execute("CREATE TABLE t (k TEXT PRIMARY KEY)"));
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        db.close();
    }

    private List<String> keys() {
        return db.call("keys", h -> h.createQuery("SELECT k FROM t ORDER BY k").mapTo(String.class).list());
    }

    /** A write holding the turn, from a thread of its own, until released. */
    private record Held(Future<Integer> write, CountDownLatch release) {
        int releaseAndGet() throws Exception {
            release.countDown();
            return write.get(10, TimeUnit.SECONDS);
        }
    }

    /** Takes the write turn and holds it (inserting 'held') until {@link Held#releaseAndGet}. */
    private Held holdTurn() {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> write = threads.submit(() -> db.write("hold", h -> {
            holding.countDown();
            await(release);
            return h.execute("INSERT INTO t (k) VALUES ('held')");
        }));
        await(holding);
        return new Held(write, release);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void writeWhenAloneThenToldToTheObserverOnceUnderItsOwnName() {
        operations.clear();
        db.write("alone", h -> h.execute("INSERT INTO t (k) VALUES ('alone')"));
        assertEquals(List.of("alone"), operations);
    }

    @Test
    void writeWhenManyAtOnceThenEachGetsItsOwnResultAndEveryRowIsCommitted() throws Exception {
        List<Future<String>> writes = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 64; i++) {
            String key = "k" + i;
            writes.add(threads.submit(() -> {
                await(start);
                return db.write("insert", h -> {
                    h.execute("INSERT INTO t (k) VALUES (?)", key);
                    return key;
                });
            }));
        }
        start.countDown();
        for (int i = 0; i < writes.size(); i++) {
            assertEquals("k" + i, writes.get(i).get(10, TimeUnit.SECONDS));
        }
        assertEquals(64, keys().size());
    }

    @Test
    void writeWhenOneOfABatchFailsThenOnlyItsWorkIsUndoneAndTheOthersCommit() throws Exception {
        Held held = holdTurn();
        Future<Integer> before = threads.submit(() -> db.write("before", h -> h.execute("INSERT INTO t (k) VALUES ('a')")));
        Thread.sleep(30); // in this order
        Future<Integer> failing = threads.submit(() -> db.write("failing", h -> {
            h.execute("INSERT INTO t (k) VALUES ('partial')");
            return h.execute("INSERT INTO t (k) VALUES ('a')"); // taken by the write before it
        }));
        Thread.sleep(30);
        Future<Integer> refused = threads.submit(() -> db.write("refused", h -> {
            h.execute("INSERT INTO t (k) VALUES ('domain')");
            throw new IllegalArgumentException("the caller's own refusal");
        }));
        Thread.sleep(30);
        Future<Integer> after = threads.submit(() -> db.write("after", h -> h.execute("INSERT INTO t (k) VALUES ('b')")));
        Thread.sleep(100); // the four queue behind the held turn, and run as one batch
        assertEquals(1, held.releaseAndGet());
        assertEquals(1, before.get(10, TimeUnit.SECONDS));
        assertEquals(1, after.get(10, TimeUnit.SECONDS));
        var failure = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS)).getCause();
        assertTrue(failure instanceof StoreUnavailableException, failure.toString());
        assertTrue(failure.getMessage().startsWith("store failing failed: [SQLITE_CONSTRAINT_PRIMARYKEY]"), failure.getMessage());
        var refusal = assertThrows(ExecutionException.class, () -> refused.get(10, TimeUnit.SECONDS)).getCause();
        assertEquals(IllegalArgumentException.class, refusal.getClass());
        assertEquals(List.of("a", "b", "held"), keys());
        assertTrue(operations.contains("write batch"), "the four committed as one batch: " + operations);
    }

    @Test
    void writeWhenNoTurnWithinTheWaitThenRefusedAndNeverRun() throws Exception {
        Held held = holdTurn();

        long started = System.nanoTime();
        var e = assertThrows(StoreUnavailableException.class,
                () -> db.write("late", h -> h.execute("INSERT INTO t (k) VALUES ('late')")));
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(1, held.releaseAndGet());
        assertTrue(e.getMessage().contains("no write turn within 250 ms"), e.getMessage());
        assertTrue(waitedMs >= 250 && waitedMs < 2000, "waited " + waitedMs + " ms");
        db.write("next", h -> h.execute("INSERT INTO t (k) VALUES ('next')"));
        assertEquals(List.of("held", "next"), keys());
    }

    @Test
    void writeWhenTheBatchCannotCommitThenEveryWriteOfItFails() throws Exception {
        db.write("deferred", h -> h.execute(
                "CREATE TABLE child (p TEXT REFERENCES t (k) DEFERRABLE INITIALLY DEFERRED)"));
        Held held = holdTurn();
        Future<Integer> fine = threads.submit(() -> db.write("fine", h -> h.execute("INSERT INTO t (k) VALUES ('fine')")));
        // Checked at commit only: the whole batch's commit fails.
        Future<Integer> orphan = threads.submit(() -> db.write("orphan", h -> h.execute("INSERT INTO child (p) VALUES ('none')")));
        Thread.sleep(100);
        assertEquals(1, held.releaseAndGet());
        for (Future<Integer> f : List.of(fine, orphan)) {
            var failure = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS)).getCause();
            assertTrue(failure instanceof StoreUnavailableException, failure.toString());
        }
        assertEquals(List.of("held"), keys());
    }
}
