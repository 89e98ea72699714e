package dev.authbridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteException;

/**
 * The store as one SQLite file (sqlite-jdbc, SQLite 3.54: {@code RETURNING} needs 3.35).
 *
 * <p>Invariants: every connection runs in WAL mode (readers never block the writer) with
 * {@code synchronous=NORMAL} (durable across application crashes; may lose the last commits on
 * power loss, which for tokens means a re-login), the configured busy timeout and foreign keys
 * on. Every transaction begins {@code IMMEDIATE}, taking the file's one write lock up front: a
 * write transaction runs alone, across processes, which is also why {@link #lock} has nothing
 * to add.
 */
public final class SqliteDialect implements Dialect {
    /** Readers run in parallel in WAL mode; writers take turns (see {@link #singleWriterWait}). */
    private static final int POOL_SIZE = 8;

    private final Path path;
    private final Duration busyTimeout;
    private final long writeWaitMillis;
    private final SqliteStatementCache statements = new SqliteStatementCache();

    /** The file at {@code path} (made absolute), waiting up to {@code busyTimeout} for its lock. */
    public SqliteDialect(Path path, Duration busyTimeout) {
        this.path = path.toAbsolutePath();
        this.busyTimeout = busyTimeout;
        this.writeWaitMillis = Math.max(250, busyTimeout.toMillis());
    }

    @Override
    public String location() {
        return path.toString();
    }

    /** Creates the file (and its directories) owner-only where POSIX permissions exist. */
    @Override
    public HikariDataSource openPool() throws IOException {
        createOwnerOnly(path);
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(Math.toIntExact(busyTimeout.toMillis()));
        sqlite.enforceForeignKeys(true);
        // No store reads generated keys (none uses row ids); left on, sqlite-jdbc prepares and
        // runs "SELECT last_insert_rowid()" after every INSERT.
        sqlite.setGetGeneratedKeys(false);
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
        hikari.setConnectionTimeout(writeWaitMillis);
        // Fail at open, not at the first request, when the file is unusable.
        hikari.setInitializationFailTimeout(1);
        return new HikariDataSource(hikari);
    }

    /** Statements are prepared once per connection ({@link SqliteStatementCache}). */
    @Override
    public void configure(Jdbi jdbi) {
        jdbi.setStatementBuilderFactory(statements);
    }

    @Override
    public PreparedStatement prepare(Connection conn, String sql) throws SQLException {
        return statements.take(conn, sql);
    }

    @Override
    public void release(Connection conn, String sql, PreparedStatement statement, boolean reusable)
            throws SQLException {
        statements.give(conn, sql, statement, reusable);
    }

    /** The statement cache (for tests). */
    SqliteStatementCache statementCache() {
        return statements;
    }

    /**
     * Writers take turns in this process before they borrow a connection, and those waiting
     * together commit together ({@link GroupCommit}): SQLite allows one writer at a time, and a
     * writer that finds the file locked falls into SQLite's busy handler, which sleeps in
     * growing steps (1, 2, 5, 10 … 100 ms) — queueing here instead keeps write latency flat
     * under load. Correctness does not rest on the turn (BEGIN IMMEDIATE does), only latency.
     */
    @Override
    public Optional<Duration> singleWriterWait() {
        return Optional.of(Duration.ofMillis(writeWaitMillis));
    }

    /** Nothing to take: the transaction already holds the file's write lock (BEGIN IMMEDIATE). */
    @Override
    public void lock(Handle transaction, String name) {
    }

    @Override
    public List<List<String>> migrations() {
        return SqliteSchema.STEPS;
    }

    @Override
    public int schemaVersion(Handle handle) {
        return handle.createQuery("PRAGMA user_version").mapTo(Integer.class).one();
    }

    @Override
    public void setSchemaVersion(Handle handle, int version) {
        // PRAGMA takes no bind parameters; version is an int we control.
        handle.execute("PRAGMA user_version = " + version);
    }

    /**
     * Never: a busy file was already waited for (the busy timeout) and BEGIN IMMEDIATE leaves no
     * snapshot to go stale, so running again would only wait again.
     */
    @Override
    public boolean isTransient(SQLException failure) {
        return false;
    }

    /** A file that cannot be opened is a configuration problem, reported at boot. */
    @Override
    public boolean requiredAtOpen() {
        return true;
    }

    @Override
    public ChangeFeed changeFeed(Database database, Clock clock) {
        return new PollingChangeFeed(database, clock);
    }

    @Override
    public String reason(SQLException failure) {
        if (!(failure instanceof SQLiteException sqlite)) {
            return null;
        }
        String name = sqlite.getResultCode().name();
        String meaning;
        if (name.startsWith("SQLITE_FULL")) {
            meaning = "the disk is full";
        } else if (name.startsWith("SQLITE_READONLY")) {
            meaning = "the file is read-only";
        } else if (name.startsWith("SQLITE_IOERR")) {
            meaning = "the disk cannot be read or written";
        } else if (name.startsWith("SQLITE_BUSY") || name.startsWith("SQLITE_LOCKED")) {
            meaning = "the file stays locked by another writer";
        } else if (name.startsWith("SQLITE_CANTOPEN") || name.startsWith("SQLITE_PERM")) {
            meaning = "the file cannot be opened";
        } else if (name.startsWith("SQLITE_CORRUPT") || name.startsWith("SQLITE_NOTADB")) {
            meaning = "the file is damaged";
        } else {
            meaning = "SQLite failed";
        }
        return meaning + " (" + name + ")";
    }

    /** sqlite-jdbc's message names the result code ({@code [SQLITE_BUSY] …}) and at most a column. */
    @Override
    public String describe(SQLException failure) {
        String message = failure.getMessage();
        return message != null ? message : failure.getClass().getSimpleName();
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
}
