package dev.authbridge.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * The write turn of an engine with a single writer (SQLite): writes queue in the process, and
 * whichever of them gets the turn runs every write waiting then — in arrival order, each in a
 * savepoint of its own — as one transaction with one commit. Under load the commit, the
 * connection and the pages every write touches (the tables' index pages) are paid once per
 * batch instead of once per write, and the turn is held for far less time per write.
 *
 * <p>Invariants: a write's outcome is told to its caller only after the batch committed; a write
 * whose work failed is rolled back to its savepoint alone and told its own failure (a failure
 * the engine calls transient runs it again, up to {@link Database#WRITE_ATTEMPTS} times in
 * all), while the others go on; a batch that cannot commit fails every write that was to
 * commit in it. The writes of one batch run one after the other, each seeing those before it,
 * as if each had committed alone in that order. A write that got no turn within the wait is
 * taken off the queue and refused; one that a batch has already taken waits for its outcome.
 */
final class GroupCommit {
    /** The most writes one transaction takes: a batch stays short for the writes it keeps waiting. */
    static final int MAX_BATCH = 32;
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final ReentrantLock turn = new ReentrantLock();
    private final ConcurrentLinkedQueue<Write<?>> queue = new ConcurrentLinkedQueue<>();
    private final Database db;
    private final long waitNanos;

    /** @param wait the longest a write waits for its turn before it is refused */
    GroupCommit(Database db, Duration wait) {
        this.db = db;
        this.waitNanos = wait.toNanos();
    }

    /** One caller's write: its work, then its outcome. */
    private static final class Write<T> {
        final String operation;
        final Function<Handle, T> work;
        final Thread caller = Thread.currentThread();
        T result;
        RuntimeException failure;
        Error error;
        volatile boolean done;

        Write(String operation, Function<Handle, T> work) {
            this.operation = operation;
            this.work = work;
        }

        T outcome() {
            if (error != null) {
                throw error;
            }
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    /**
     * Runs {@code work} in a write transaction shared with the writes waiting with it; returns
     * its result once that transaction committed.
     *
     * @throws StoreUnavailableException when no turn came within the wait, or the batch could not commit
     */
    <T> T write(String operation, Function<Handle, T> work) {
        Write<T> mine = new Write<>(operation, work);
        queue.add(mine);
        long deadline = System.nanoTime() + waitNanos;
        while (!mine.done) {
            if (turn.tryLock()) {
                try {
                    while (!mine.done) {
                        runBatch();
                    }
                } finally {
                    turn.unlock();
                }
                Write<?> next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.caller); // its turn to run the writes that came meanwhile
                }
                break;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 && queue.remove(mine)) {
                throw new StoreUnavailableException("store " + operation + " failed: no write turn within "
                        + TimeUnit.NANOSECONDS.toMillis(waitNanos) + " ms", null, "no write turn within the busy timeout");
            }
            // Woken when a batch told this write its outcome, or when the turn is free; rechecked anyway.
            LockSupport.parkNanos(this, RECHECK_NANOS);
        }
        return mine.outcome();
    }

    /** Takes up to {@link #MAX_BATCH} waiting writes and commits them together (in the turn). */
    private void runBatch() {
        List<Write<?>> batch = new ArrayList<>(Math.min(MAX_BATCH, 8));
        for (Write<?> w; batch.size() < MAX_BATCH && (w = queue.poll()) != null; ) {
            batch.add(w);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            boolean several = batch.size() > 1;
            db.inTransaction(several ? "write batch" : batch.get(0).operation, several,
                    h -> batch.forEach(w -> runInSavepoint(h, w)));
        } catch (RuntimeException e) {
            for (Write<?> w : batch) {
                if (w.failure == null && w.error == null) {
                    // Its work ran, but did not commit.
                    w.failure = e instanceof BatchAborted aborted ? db.failure(w.operation, aborted.getCause()) : e;
                }
            }
        } catch (Error e) {
            for (Write<?> w : batch) {
                w.error = e;
            }
        } finally {
            for (Write<?> w : batch) {
                w.done = true;
                LockSupport.unpark(w.caller);
            }
        }
    }

    private <T> void runInSavepoint(Handle h, Write<T> w) {
        Connection c = h.getConnection();
        for (int attempt = 1; ; attempt++) {
            Savepoint before = savepoint(c);
            try {
                w.result = w.work.apply(h);
                release(c, before);
                return;
            } catch (JdbiException e) {
                rollback(c, before);
                if (attempt == Database.WRITE_ATTEMPTS || !db.isTransient(e)) {
                    w.failure = db.failure(w.operation, e);
                    return;
                }
            } catch (RuntimeException e) {
                rollback(c, before);
                w.failure = e;
                return;
            } catch (Error e) {
                rollback(c, before);
                w.error = e;
                return;
            }
        }
    }

    private static Savepoint savepoint(Connection c) {
        try {
            return c.setSavepoint();
        } catch (SQLException e) {
            throw new BatchAborted(e);
        }
    }

    private static void release(Connection c, Savepoint s) {
        try {
            c.releaseSavepoint(s);
        } catch (SQLException e) {
            throw new BatchAborted(e);
        }
    }

    private static void rollback(Connection c, Savepoint s) {
        try {
            c.rollback(s);
            c.releaseSavepoint(s);
        } catch (SQLException e) {
            throw new BatchAborted(e);
        }
    }

    /** The transaction itself failed (a savepoint could not be set or undone): nothing of it commits. */
    static final class BatchAborted extends RuntimeException {
        BatchAborted(SQLException cause) {
            super(cause);
        }
    }
}
