package dev.authbridge.testing;

import dev.authbridge.config.AuditConfig;
import dev.authbridge.config.PostgresConfig;
import dev.authbridge.config.Secret;
import dev.authbridge.config.StoreConfig;
import dev.authbridge.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores on PostgreSQL for tests: a database of its own per test class on {@link Postgres#shared()}
 * (created once), emptied before each test by {@link #truncate}, and the {@link StoreConfig} that
 * authbridge would read for it.
 *
 * <pre>{@code
 * static final PostgresStores PG = PostgresStores.create("tokens");
 * ... PG.truncate(); Database db = Database.open(PG.config()); ...
 * }</pre>
 */
public final class PostgresStores {
    private static final AtomicInteger NEXT = new AtomicInteger();
    /** Every table the schema has, but the probe's and the version's. */
    private static final String TABLES = "tokens, signing_keys, login_failures, lockouts, authorization_codes, "
            + "browser_session_clients, browser_sessions, secrets, assertion_uses, clients";

    private final Postgres server;
    private final String database;

    private PostgresStores(Postgres server, String database) {
        this.server = server;
        this.database = database;
    }

    /** A new database named after {@code purpose} on the suite's shared server. */
    public static PostgresStores create(String purpose) {
        Postgres shared = Postgres.shared();
        String name = "t" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet() + "_" + purpose;
        return new PostgresStores(shared, shared.createDatabase(name));
    }

    /** A new database on {@code server} (a private one, to stop or fail over). */
    public static PostgresStores on(Postgres server, String database) {
        return new PostgresStores(server, database.equals(server.database()) ? database : server.createDatabase(database));
    }

    public Postgres server() {
        return server;
    }

    public String database() {
        return database;
    }

    /** The store as {@code store.url} + {@code store.user} + … would configure it: a pool of 4, 5 s. */
    public StoreConfig config() {
        return config(4, Duration.ofSeconds(5));
    }

    public StoreConfig config(int poolSize, Duration connectTimeout) {
        return config("jdbc:" + server.url(database), poolSize, connectTimeout);
    }

    /** The same database through {@code jdbcUrl} (a multi-host URL). */
    public StoreConfig config(String jdbcUrl, int poolSize, Duration connectTimeout) {
        PostgresConfig.SslMode tls = server.tls() ? PostgresConfig.SslMode.VERIFY_FULL : PostgresConfig.SslMode.DISABLE;
        return StoreConfig.postgres(new PostgresConfig(jdbcUrl, server.url(database), server.user(),
                new Secret(server.password()), poolSize, connectTimeout, tls, server.caFile()), Duration.ofMinutes(10));
    }

    /**
     * The shipped demo configuration ({@link TestConfig#shipped}) on this database instead of a
     * SQLite file, its audit file in {@code dir}.
     */
    public TestConfig demoConfig(Path dir) {
        return demoConfig(dir, config());
    }

    /** As {@link #demoConfig(Path)}, with {@code store} (another pool, a multi-host URL). */
    public TestConfig demoConfig(Path dir, StoreConfig store) {
        TestConfig shipped = TestConfig.shipped(dir);
        AuditConfig audit = shipped.build().audit();
        return shipped.withStore(store)
                .withAudit(new AuditConfig(dir.resolve("audit.log"), audit.stdout(), audit.failClosed()));
    }

    /** Empties every table (a migrated database; does nothing before the first migration). */
    public void truncate() {
        try (Connection c = server.connectAsSuperuser(database); Statement s = c.createStatement()) {
            var migrated = s.executeQuery("SELECT to_regclass('tokens') IS NOT NULL");
            migrated.next();
            if (migrated.getBoolean(1)) {
                s.execute("TRUNCATE " + TABLES);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty " + database, e);
        }
    }

    /** A fresh, empty, migrated store; the caller closes it. */
    public Database openEmpty() {
        truncate();
        return Database.open(config());
    }
}
