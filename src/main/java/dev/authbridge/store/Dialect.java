package dev.authbridge.store;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What differs between the SQL engines the store runs on: how a pool is opened, how writers take
 * turns, how transactions are kept apart on one key, how the schema is versioned and which steps
 * build it, and how failures read. Everything else is one SQL per store, in the subset every
 * engine accepts: {@code INSERT … ON CONFLICT … DO UPDATE / DO NOTHING}, {@code UPDATE …
 * RETURNING}, instants as epoch milliseconds in 64-bit integer columns ({@link Columns}), no
 * engine's own functions or row ids.
 *
 * <p>A store decides every race with one conditional statement ({@code UPDATE … WHERE used_at IS
 * NULL} and its row count, or its {@code RETURNING}), under a row lock such a statement takes, or
 * under {@link #lock}: never by a read and a later write that only one engine's writer turn
 * would keep together. An implementation is safe for concurrent use.
 */
public interface Dialect {

    /** Where the store is, for messages and logs: a file, or a host and database; never a credential. */
    String location();

    /**
     * Opens the connection pool, creating first what must exist (the SQLite file). Fails here,
     * not at the first request, when the store cannot be used.
     */
    HikariDataSource openPool() throws IOException;

    /** Sets what this engine's statements need of JDBI (how they are prepared); nothing by default. */
    default void configure(Jdbi jdbi) {
    }

    /**
     * {@code sql} prepared on the pooled connection {@code conn} for one use by {@link Jdbc},
     * which gives it back to {@link #release}; a new statement by default.
     */
    default PreparedStatement prepare(Connection conn, String sql) throws SQLException {
        return conn.prepareStatement(sql);
    }

    /**
     * Takes back a statement of {@link #prepare}, its result set closed; {@code reusable} is false
     * when its use failed. Closes it by default.
     */
    default void release(Connection conn, String sql, PreparedStatement statement, boolean reusable)
            throws SQLException {
        statement.close();
    }

    /**
     * How long a write waits for the engine's one writer turn, when the engine takes one writer
     * at a time (SQLite): its writers then queue in the process and those waiting together
     * commit together ({@link GroupCommit}). Empty when the engine's row locks decide
     * (PostgreSQL): each write is its own transaction, run at once.
     */
    Optional<Duration> singleWriterWait();

    /**
     * Takes a lock named {@code name} that the transaction of {@code transaction} holds until it
     * ends, so that transactions naming the same lock run one after the other, whatever process
     * runs them. For decisions no single row can carry (counting failures of a key that has no
     * row yet) and for migrations.
     */
    void lock(Handle transaction, String name);

    /**
     * This engine's schema as migration steps, append-only: index {@code i} holds the statements
     * that take the schema from version {@code i} to {@code i + 1}. A step that has shipped is
     * never edited.
     */
    List<List<String>> migrations();

    /** The schema version the store is at (0 for a new store). */
    int schemaVersion(Handle handle);

    /** Records {@code version} in the transaction of {@code handle}, with the step that reached it. */
    void setSchemaVersion(Handle handle, int version);

    /**
     * Whether the engine aborted the transaction because it raced another one (a deadlock, a
     * serialisation failure) and running it again may succeed. {@link Database#write} runs such a
     * transaction again, a bounded number of times.
     */
    boolean isTransient(SQLException failure);

    /**
     * What {@code failure} means, in words fit for anyone (the unauthenticated readiness probe
     * shows them) with the engine's code: {@code "the disk is full (SQLITE_FULL)"}, {@code "the
     * database server refuses connections (08001)"}; null when this engine does not recognise it.
     */
    String reason(SQLException failure);

    /**
     * Whether the store must be usable at {@link Database#open}: a local file that cannot be
     * opened is a configuration error to report at boot; a database server that is down at boot
     * may come up later, and the store is opened (its schema migrated) at the first use that
     * reaches it.
     */
    boolean requiredAtOpen();

    /**
     * How the processes on this store tell each other what changed ({@link ChangeFeed}): the
     * engine's own notifications, or a table they poll. The caller closes it.
     */
    ChangeFeed changeFeed(Database database, Clock clock);

    /**
     * The failure as the store's messages say it: the engine's words and code, never a bound
     * value (a token hash, a key) nor a credential.
     */
    String describe(SQLException failure);
}
