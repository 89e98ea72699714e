package dev.authbridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.authbridge.config.PostgresConfig;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.jdbi.v3.core.Handle;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The store as a PostgreSQL database (pgjdbc), shared by every authbridge instance pointed at it.
 *
 * <p>Invariants: concurrency is the database's — no writer takes a turn in the process;
 * transactions run in {@code READ COMMITTED}, each race decided by a row lock or
 * {@link #lock} ({@code pg_advisory_xact_lock}, which also serialises migrations of instances
 * starting at once). Every wait is bounded by {@code store.connectTimeout}: a pooled connection,
 * a new connection, and a statement ({@code statement_timeout} on the server, a socket read
 * timeout a second longer on the client for a server that hangs). Nothing is required at open:
 * a server down at boot is waited for by the requests, which answer 503 until it is reachable.
 */
public final class PostgresDialect implements Dialect {
    /** The table that holds the schema version (one row); absent in a database never migrated. */
    static final String VERSION_TABLE = "authbridge_schema";
    /** {@code application_name} of the change feed's connection, as {@code pg_stat_activity} shows it. */
    static final String LISTENER_NAME = "authbridge-changes";

    private final PostgresConfig config;

    public PostgresDialect(PostgresConfig config) {
        this.config = config;
    }

    @Override
    public String location() {
        return config.location();
    }

    @Override
    public HikariDataSource openPool() {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setDataSourceProperties(connectionProperties());
        hikari.setPoolName("store");
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(config.poolSize());
        long timeout = config.connectTimeout().toMillis();
        hikari.setConnectionTimeout(timeout);
        hikari.setValidationTimeout(Math.max(250, timeout / 2));
        // A server down at boot is not a reason to refuse to start (see requiredAtOpen).
        hikari.setInitializationFailTimeout(-1);
        return new HikariDataSource(hikari);
    }

    /**
     * A connection outside the pool with the pool's settings (for {@code LISTEN}, which holds its
     * connection for good); the caller closes it.
     */
    Connection connect() throws SQLException {
        Properties p = connectionProperties();
        p.setProperty("ApplicationName", LISTENER_NAME);
        return DriverManager.getConnection(config.jdbcUrl(), p);
    }

    /** pgjdbc's properties: credentials, TLS and timeouts from the store keys, never from the URL. */
    Properties connectionProperties() {
        Properties p = new Properties();
        p.setProperty("user", config.user());
        p.setProperty("password", config.password().reveal());
        p.setProperty("ApplicationName", "authbridge");
        p.setProperty("sslmode", config.sslMode().value());
        if (config.sslRootCert() != null) {
            p.setProperty("sslrootcert", config.sslRootCert().toString());
        }
        long timeout = config.connectTimeout().toMillis();
        String seconds = Long.toString(seconds(config.connectTimeout()));
        p.setProperty("connectTimeout", seconds);
        p.setProperty("loginTimeout", seconds);
        // The server cancels a statement first (57014, the connection stays usable); the socket
        // gives up a second later on a server that does not answer at all.
        p.setProperty("socketTimeout", Long.toString(seconds(config.connectTimeout()) + 1));
        p.setProperty("options", "-c statement_timeout=" + timeout + " -c idle_in_transaction_session_timeout="
                + Math.max(timeout * 2, 10_000));
        // The server's DETAIL holds bound values ("Key (hash)=(…)"): keep it out of messages.
        p.setProperty("logServerErrorDetail", "false");
        p.setProperty("tcpKeepAlive", "true");
        return p;
    }

    /** Row locks and the server decide; nothing queues in the process. */
    @Override
    public Optional<Duration> singleWriterWait() {
        return Optional.empty();
    }

    /** A transaction-scoped advisory lock on the name's 64-bit hash: released at commit or rollback. */
    @Override
    public void lock(Handle transaction, String name) {
        transaction.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?, 0))) AS locked")
                .bind(0, name)
                .mapTo(Integer.class)
                .one();
    }

    @Override
    public List<List<String>> migrations() {
        return PostgresSchema.STEPS;
    }

    /**
     * 0 while the version table does not exist. Read from {@code pg_tables}, a query on the
     * catalog with the statement's own snapshot, not {@code to_regclass}: that one answers from
     * the backend's catalog cache, which a transaction that began before another instance
     * created the table (one waiting on the migration lock) has not refreshed yet, so it would
     * report "no schema" and run step 1 again.
     */
    @Override
    public int schemaVersion(Handle handle) {
        boolean exists = handle.createQuery("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables "
                        + "WHERE tablename = ? AND schemaname = current_schema())")
                .bind(0, VERSION_TABLE)
                .mapTo(Boolean.class)
                .one();
        if (!exists) {
            return 0;
        }
        return handle.createQuery("SELECT version FROM " + VERSION_TABLE + " WHERE id = 1")
                .mapTo(Integer.class)
                .findOne()
                .orElse(0);
    }

    /** Under the migration lock (see {@link Migrations}), so creating the table races nobody. */
    @Override
    public void setSchemaVersion(Handle handle, int version) {
        handle.execute("CREATE TABLE IF NOT EXISTS " + VERSION_TABLE
                + " (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)");
        handle.execute("INSERT INTO " + VERSION_TABLE + " (id, version) VALUES (1, ?) "
                + "ON CONFLICT (id) DO UPDATE SET version = excluded.version", version);
    }

    /** A serialisation failure (40001) or a deadlock (40P01): the engine chose this one to give way. */
    @Override
    public boolean isTransient(SQLException failure) {
        String state = failure.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }

    /** A server that is down at boot may come up: the requests wait for it. */
    @Override
    public boolean requiredAtOpen() {
        return false;
    }

    @Override
    public ChangeFeed changeFeed(Database database, Clock clock) {
        return new PostgresChangeFeed(database, this);
    }

    @Override
    public String reason(SQLException failure) {
        String state = failure.getSQLState();
        if (state == null || !(failure instanceof PSQLException)) {
            return null;
        }
        String meaning;
        if (hasCause(failure, SocketTimeoutException.class)) {
            meaning = "the database server did not answer within the timeout";
        } else if (hasCause(failure, SSLException.class)) {
            meaning = "TLS with the database server failed";
        } else if (state.equals("08001") || state.equals("08004")) {
            meaning = "the database server refuses connections";
        } else if (state.startsWith("08")) {
            meaning = "the connection to the database server was lost";
        } else if (state.equals("57P01") || state.equals("57P02")) {
            meaning = "the database server is shutting down";
        } else if (state.equals("57P03")) {
            meaning = "the database server is starting up or shutting down";
        } else if (state.equals("57014")) {
            meaning = "the database server did not answer within the timeout";
        } else if (state.equals("53100")) {
            meaning = "the database server's disk is full";
        } else if (state.equals("53300")) {
            meaning = "the database server has no connection left";
        } else if (state.startsWith("53")) {
            meaning = "the database server is out of resources";
        } else if (state.equals("25006")) {
            meaning = "the database server is a read-only standby";
        } else if (state.startsWith("28")) {
            meaning = "the database server refused the user name or password";
        } else if (state.equals("3D000")) {
            meaning = "the database does not exist";
        } else if (state.equals("42501")) {
            meaning = "the database role lacks a privilege";
        } else if (state.equals("40001") || state.equals("40P01")) {
            meaning = "transactions kept conflicting";
        } else {
            meaning = "PostgreSQL failed";
        }
        return meaning + " (" + state + ")";
    }

    /** The server's primary message and SQLSTATE, without its DETAIL (bound values) or HINT. */
    @Override
    public String describe(SQLException failure) {
        if (failure instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server != null && server.getMessage() != null) {
                return server.getMessage() + " (" + psql.getSQLState() + ")";
            }
        }
        String message = failure.getMessage();
        String state = failure.getSQLState();
        return (message != null ? message : failure.getClass().getSimpleName()) + (state != null ? " (" + state + ")" : "");
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
