package dev.authbridge.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.authbridge.config.StoreConfig;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one database every store of authbridge lives in, through JDBI over a HikariCP pool, on
 * the engine its {@link Dialect} speaks for: the SQLite file ({@link SqliteDialect}) or a
 * PostgreSQL database ({@link PostgresDialect}).
 *
 * <p>Invariants: no statement runs before the schema is at the dialect's latest version. An
 * engine {@link Dialect#requiredAtOpen required at open} is migrated by {@link #open}, which
 * fails otherwise; another (a database server that may be down at boot) is migrated by the
 * first operation that reaches it, and until then every operation fails as unavailable.
 * Every failure of the engine, the pool or JDBI surfaces as {@link StoreUnavailableException}
 * whose message names the operation, never a bound value (token hashes stay out of logs).
 * Instants are bound and read as epoch milliseconds ({@link Columns}).
 */
public final class Database implements AutoCloseable {
    /** Runs of a write transaction the engine aborted as {@link Dialect#isTransient transient}. */
    static final int WRITE_ATTEMPTS = 3;
    /** A {@link #sweep} that has not settled after this many statements has a WHERE that never excludes its rows. */
    private static final int SWEEP_LIMIT = 1000;

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final Dialect dialect;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final StoreObserver observer;
    private final ReentrantLock migrating = new ReentrantLock();
    private final GroupCommit groupCommit;
    private volatile boolean migrated;

    private Database(Dialect dialect, HikariDataSource pool, StoreObserver observer) {
        this.dialect = dialect;
        this.pool = pool;
        this.observer = observer;
        this.jdbi = Jdbi.create(pool);
        jdbi.getConfig(StatementExceptions.class)
                .setMessageRendering(StatementExceptions.MessageRendering.NONE);
        Columns.register(jdbi);
        dialect.configure(jdbi);
        this.groupCommit = dialect.singleWriterWait().map(wait -> new GroupCommit(this, wait)).orElse(null);
    }

    /**
     * Opens the configured store: the SQLite file at {@code cfg.path()} (created if needed,
     * owner-only where POSIX permissions exist) migrated to the latest version, or the
     * PostgreSQL database of {@code cfg.postgres()}, migrated now if it is reachable, else at
     * its first use.
     *
     * @throws StoreUnavailableException if the file cannot be created, opened, locked within the
     *     busy timeout, is not a SQLite database, or has a newer schema than this build knows
     */
    public static Database open(StoreConfig cfg) {
        return open(cfg, StoreObserver.NONE);
    }

    /** As {@link #open(StoreConfig)}, telling {@code observer} how long each operation takes. */
    public static Database open(StoreConfig cfg, StoreObserver observer) {
        return open(dialect(cfg), observer);
    }

    /** The engine {@code cfg} names. */
    public static Dialect dialect(StoreConfig cfg) {
        return cfg.isPostgres() ? new PostgresDialect(cfg.postgres()) : new SqliteDialect(cfg.path(), cfg.busyTimeout());
    }

    /**
     * Opens the store {@code dialect} speaks for and migrates its schema to the dialect's latest
     * version.
     *
     * @throws StoreUnavailableException if it cannot be opened or its schema is newer than this build knows
     */
    public static Database open(Dialect dialect, StoreObserver observer) {
        HikariDataSource pool = null;
        try {
            pool = dialect.openPool();
            Database db = new Database(dialect, pool, observer);
            if (dialect.requiredAtOpen()) {
                db.migrate();
            } else {
                try {
                    db.migrate();
                } catch (StoreUnavailableException e) {
                    log.warn("store {} is unavailable ({}); every request answers 503 until it is reachable",
                            dialect.location(), e.reason());
                }
            }
            return db;
        } catch (StoreUnavailableException e) {
            closeQuietly(pool);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(pool);
            throw db(dialect, "cannot open store " + dialect.location(), e);
        }
    }

    /**
     * Brings the schema up to date once; a caller that finds another one doing it fails at once
     * rather than queue behind a migration that may wait for an unreachable server.
     */
    private void ensureMigrated() {
        if (migrated) {
            return;
        }
        if (!migrating.tryLock()) {
            throw new StoreUnavailableException("store " + dialect.location() + " is being opened", null,
                    "the store's schema is being brought up to date");
        }
        try {
            if (!migrated) {
                migrate();
                log.info("store {} is reachable; its schema is up to date", dialect.location());
            }
        } finally {
            migrating.unlock();
        }
    }

    private void migrate() {
        try {
            Migrations.migrate(jdbi, dialect);
            migrated = true;
        } catch (JdbiException e) {
            throw db(dialect, "cannot open store " + dialect.location(), e);
        }
    }

    /** Runs {@code work} on a pooled connection; any failure becomes {@link StoreUnavailableException}. */
    public <T> T call(String operation, Function<Handle, T> work) {
        return call(operation, true, work);
    }

    /** @param observed whether the observer is told of it (not when the caller tells it itself) */
    private <T> T call(String operation, boolean observed, Function<Handle, T> work) {
        long started = System.nanoTime();
        boolean ok = false;
        try {
            ensureMigrated();
            T result = jdbi.withHandle(work::apply);
            ok = true;
            return result;
        } catch (JdbiException e) {
            throw db(dialect, "store " + operation + " failed", e);
        } finally {
            if (observed) {
                observer.onOperation(operation, System.nanoTime() - started, ok);
            }
        }
    }

    /** Reads a whole result set into what a {@link #query} returns. */
    @FunctionalInterface
    public interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs the query {@code sql} with positional {@code args} on a pooled connection, over plain
     * JDBC ({@link Jdbc}: for the reads every request makes); any failure becomes
     * {@link StoreUnavailableException}, as for {@link #call}.
     */
    public <T> T query(String operation, String sql, Rows<T> rows, Object... args) {
        long started = System.nanoTime();
        boolean ok = false;
        try {
            ensureMigrated();
            T result;
            try (Connection c = pool.getConnection()) {
                result = Jdbc.query(dialect, c, sql, rows, args);
            }
            ok = true;
            return result;
        } catch (SQLException e) {
            throw db(dialect, "store " + operation + " failed", e);
        } finally {
            observer.onOperation(operation, System.nanoTime() - started, ok);
        }
    }

    /**
     * Runs the statement {@code sql} with positional {@code args} in the transaction of {@code tx},
     * over plain JDBC ({@link Jdbc}); returns the rows it changed. Fails as JDBI's statements do,
     * so that {@link #write} undoes, retries and reports it alike.
     */
    public int execute(Handle tx, String sql, Object... args) {
        try {
            return Jdbc.update(dialect, tx.getConnection(), sql, args);
        } catch (SQLException e) {
            throw new StatementFailed(e);
        }
    }

    /** A statement of {@link #execute} failed. */
    static final class StatementFailed extends JdbiException {
        StatementFailed(SQLException cause) {
            super(cause);
        }
    }

    /**
     * Runs {@code work} as one write transaction. A transaction the engine aborted as transient
     * (it lost a race the engine detected) runs again, up to {@value #WRITE_ATTEMPTS} times in
     * all: {@code work} must do nothing outside the transaction. On an engine with a single
     * writer (SQLite) the writes waiting for the turn commit together ({@link GroupCommit}),
     * each as if alone.
     */
    public <T> T write(String operation, Function<Handle, T> work) {
        if (groupCommit == null) {
            return call(operation, h -> {
                for (int attempt = 1; ; attempt++) {
                    try {
                        return h.inTransaction(work::apply);
                    } catch (JdbiException e) {
                        if (attempt == WRITE_ATTEMPTS || !isTransient(e)) {
                            throw e;
                        }
                    }
                }
            });
        }
        long started = System.nanoTime();
        boolean ok = false;
        try {
            T result = groupCommit.write(operation, work);
            ok = true;
            return result;
        } finally {
            observer.onOperation(operation, System.nanoTime() - started, ok);
        }
    }

    /**
     * One transaction running {@code batch} on a pooled connection (for {@link GroupCommit}).
     * Each write in it is told to the observer by {@link #write}; a batch of several is told
     * once more ({@code observed}), so that its own time shows.
     */
    void inTransaction(String operation, boolean observed, java.util.function.Consumer<Handle> batch) {
        call(operation, observed, h -> h.inTransaction(tx -> {
            batch.accept(tx);
            return null;
        }));
    }

    /** The failure a caller of {@code operation} sees for {@code e}. */
    StoreUnavailableException failure(String operation, Throwable e) {
        return db(dialect, "store " + operation + " failed", e);
    }

    /** One write statement with positional arguments; returns the number of rows changed. */
    public int update(String operation, String sql, Object... args) {
        return write(operation, h -> h.execute(sql, args));
    }

    /** {@link #sweep(Handle, String, Object...)} as one write transaction of its own. */
    public int sweep(String operation, String sql, Object... args) {
        return write(operation, h -> sweep(h, sql, args));
    }

    /**
     * Runs the {@code UPDATE} (or {@code DELETE}) {@code sql} again and again in the transaction
     * of {@code tx} until it changes no row; returns how many it changed in all. {@code sql} must
     * exclude the rows it changed ({@code … AND revoked_at IS NULL}).
     *
     * <p>Why: a statement of a PostgreSQL {@code READ COMMITTED} transaction sees the rows that
     * committed before it began, and a row lock it waited for; a row that a racing transaction
     * inserted while the first statement ran (a refresh saving a new token in a family being
     * revoked) is caught by the next. The racing transaction took a row the first statement
     * changes or waits for (the refresh token), so once a statement finds nothing, nothing of
     * the set is left behind. On SQLite, whose writers run alone, the second statement finds
     * nothing.
     */
    public static int sweep(Handle tx, String sql, Object... args) {
        int total = 0;
        for (int round = 0; round < SWEEP_LIMIT; round++) {
            int changed = tx.execute(sql, args);
            if (changed == 0) {
                return total;
            }
            total += changed;
        }
        throw new IllegalStateException("a sweep changed rows " + SWEEP_LIMIT + " times: its WHERE never excludes them");
    }

    /**
     * Takes the {@link Dialect#lock} {@code name} for the rest of the write transaction of
     * {@code tx}: transactions taking the same name run one after the other.
     */
    public void lock(Handle tx, String name) {
        dialect.lock(tx, name);
    }

    /**
     * Whether the store can commit, for readiness: one write transaction changing one row. A
     * read would pass on a full disk or a read-only file while every sign-in fails; a commit
     * needs what theirs need (the write turn, room in the WAL). Cheap enough for a load
     * balancer's probe every second: a one-page change, no fsync in WAL mode.
     *
     * @throws StoreUnavailableException when it cannot; {@link StoreUnavailableException#reason()}
     *     says why in words fit for anyone
     */
    public void checkHealth() {
        update("checkHealth", "UPDATE store_probe SET writes = writes + 1 WHERE id = 1");
    }

    /** For migrations in tests. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** How the processes on this store tell each other what changed; the caller closes it. */
    public ChangeFeed changeFeed(Clock clock) {
        return dialect.changeFeed(this, clock);
    }

    /** The engine this database runs on. */
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        pool.close();
    }

    boolean isTransient(JdbiException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && dialect.isTransient(sql)) {
                return true;
            }
        }
        return false;
    }

    /** {@code context}: the engine's words; with the reason the dialect reads in the failure. */
    static StoreUnavailableException db(Dialect dialect, String context, Throwable e) {
        return new StoreUnavailableException(context + ": " + rootMessage(dialect, e), e, reason(dialect, e));
    }

    /**
     * The deepest failure the dialect recognises (pgjdbc's under HikariCP's timeout, SQLite's
     * under JDBI's), else what the pool said.
     */
    static String reason(Dialect dialect, Throwable e) {
        List<SQLException> failures = new ArrayList<>();
        boolean noConnection = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                failures.add(0, sql);
            }
            noConnection |= t instanceof SQLTransientConnectionException;
        }
        for (SQLException failure : failures) {
            String reason = dialect.reason(failure);
            if (reason != null) {
                return reason;
            }
        }
        return noConnection ? "no connection to the store within the timeout" : null;
    }

    private static String rootMessage(Dialect dialect, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof SQLException sql) {
            return dialect.describe(sql);
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + message;
    }

    private static void closeQuietly(HikariDataSource pool) {
        if (pool != null) {
            pool.close();
        }
    }
}
