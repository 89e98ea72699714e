package dev.authbridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.authbridge.config.StoreConfig;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The one SQLite file every store of authbridge lives in, through JDBI over a small HikariCP
 * pool.
 *
 * <p>Invariants: every connection runs in WAL mode (readers never block the writer) with
 * {@code synchronous=NORMAL} (durable across application crashes; may lose the last commits on
 * power loss, which for tokens means a re-login), the configured busy timeout and foreign keys
 * on; the schema is at {@link Migrations#LATEST} once {@link #open} returns. Every failure of
 * SQLite, the pool or JDBI surfaces as {@link StoreUnavailableException} whose message names
 * the operation, never a bound value (token hashes stay out of logs).
 */
public final class Database implements AutoCloseable {
    /** Readers run in parallel in WAL mode; writers take turns (see {@link #write}). */
    private static final int POOL_SIZE = 8;

    private final HikariDataSource pool;
    private final ReentrantLock writer = new ReentrantLock();
    private final long writeWaitMillis;
    private final Jdbi jdbi;
    private final StoreObserver observer;

    private Database(HikariDataSource pool, StoreObserver observer, long writeWaitMillis) {
        this.pool = pool;
        this.writeWaitMillis = writeWaitMillis;
        this.observer = observer;
        this.jdbi = Jdbi.create(pool);
        jdbi.getConfig(StatementExceptions.class)
                .setMessageRendering(StatementExceptions.MessageRendering.NONE);
    }

    /**
     * Opens (creating if needed, owner-only where POSIX permissions exist) the file at
     * {@code cfg.path()} and migrates its schema to the latest version.
     *
     * @throws StoreUnavailableException if the file cannot be created, opened, locked within the
     *     busy timeout, is not a SQLite database, or has a newer schema than this build knows
     */
    public static Database open(StoreConfig cfg) {
        return open(cfg, StoreObserver.NONE);
    }

    /** As {@link #open(StoreConfig)}, telling {@code observer} how long each operation takes. */
    public static Database open(StoreConfig cfg, StoreObserver observer) {
        Path path = cfg.path().toAbsolutePath();
        HikariDataSource pool = null;
        try {
            createOwnerOnly(path);
            pool = new HikariDataSource(poolConfig(path, cfg));
            Database db = new Database(pool, observer, Math.max(250, cfg.busyTimeout().toMillis()));
            Migrations.migrate(db.jdbi);
            return db;
        } catch (StoreUnavailableException e) {
            closeQuietly(pool);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(pool);
            throw new StoreUnavailableException("cannot open store " + path + ": " + rootMessage(e), e);
        }
    }

    /** Runs {@code work} on a pooled connection; any failure becomes {@link StoreUnavailableException}. */
    public <T> T call(String operation, Function<Handle, T> work) {
        long started = System.nanoTime();
        boolean ok = false;
        try {
            T result = jdbi.withHandle(work::apply);
            ok = true;
            return result;
        } catch (JdbiException e) {
            throw new StoreUnavailableException("store " + operation + " failed: " + rootMessage(e), e);
        } finally {
            observer.onOperation(operation, System.nanoTime() - started, ok);
        }
    }

    /**
     * Runs {@code work} as one write transaction. Writers take turns on a lock in this process
     * before they borrow a connection: SQLite allows one writer at a time, and a writer that
     * finds the file locked falls into SQLite's busy handler, which sleeps in growing steps
     * (1, 2, 5, 10 … 100 ms) — queueing here instead keeps write latency flat under load.
     */
    public <T> T write(String operation, Function<Handle, T> work) {
        boolean locked;
        try {
            locked = writer.tryLock(writeWaitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("store " + operation + " interrupted", e);
        }
        if (!locked) {
            throw new StoreUnavailableException("store " + operation + " failed: no write turn within "
                    + writeWaitMillis + " ms", null);
        }
        try {
            return call(operation, h -> h.inTransaction(work::apply));
        } finally {
            writer.unlock();
        }
    }

    /** One write statement with positional arguments; returns the number of rows changed. */
    public int update(String operation, String sql, Object... args) {
        return write(operation, h -> {
            var update = h.createUpdate(sql);
            for (int i = 0; i < args.length; i++) {
                update.bind(i, args[i]);
            }
            return update.execute();
        });
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

    @Override
    public void close() {
        pool.close();
    }

    private static HikariConfig poolConfig(Path path, StoreConfig cfg) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(Math.toIntExact(cfg.busyTimeout().toMillis()));
        sqlite.enforceForeignKeys(true);
        // BEGIN IMMEDIATE: a transaction takes the write lock up front, so it waits (busy
        // timeout) instead of failing with SQLITE_BUSY_SNAPSHOT when upgrading a read.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl("jdbc:sqlite:" + path);

        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(dataSource);
        hikari.setPoolName("store");
        hikari.setMaximumPoolSize(POOL_SIZE);
        hikari.setMinimumIdle(1);
        // Waiting for a pooled connection is bounded like waiting for the file lock.
        hikari.setConnectionTimeout(Math.max(250, cfg.busyTimeout().toMillis()));
        // Fail at open, not at the first request, when the file is unusable.
        hikari.setInitializationFailTimeout(1);
        return hikari;
    }

    /** Creates parent directories and the file itself with owner-only permissions on POSIX. */
    private static void createOwnerOnly(Path path) throws IOException {
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path parent = path.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            if (posix) {
                Files.createDirectories(parent,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(parent);
            }
        }
        if (posix) {
            try {
                // SQLite gives its -wal and -shm files the permissions of the database file.
                Files.createFile(path,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                // An existing store keeps the permissions its operator chose.
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (root instanceof SQLException && message != null) {
            return message; // sqlite-jdbc messages name the SQLite result code
        }
        return message == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + message;
    }

    private static void closeQuietly(HikariDataSource pool) {
        if (pool != null) {
            pool.close();
        }
    }
}
