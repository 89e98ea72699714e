package dev.authbridge.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.authbridge.config.PostgresConfig;
import dev.authbridge.config.Secret;
import dev.authbridge.config.StoreConfig;
import dev.authbridge.testing.Postgres;
import dev.authbridge.testing.PostgresStores;
import dev.authbridge.testing.Race;
import dev.authbridge.token.SqlTokenStore;
import dev.authbridge.token.StoredToken;
import dev.authbridge.token.TokenKind;
import dev.authbridge.token.TokenOwner;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@link Database} on a real PostgreSQL: migrations of instances starting at once, a server
 * down at boot, reasons readiness can show, and messages that never carry a bound value.
 */
class PostgresDatabaseTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static Postgres own;

    @BeforeAll
    static void startPrivateServer() {
        own = Postgres.start(Postgres.options());
    }

    @AfterAll
    static void stopPrivateServer() {
        own.close();
    }

    private static StoredToken token(String hash) {
        return new StoredToken(hash, TokenKind.ACCESS, "fam", TokenOwner.CLIENT, "svc", null, T0, T0.plusSeconds(60),
                null, null);
    }

    private static int schemaVersion(PostgresStores pg) throws Exception {
        try (Connection c = pg.server().connectAsSuperuser(pg.database()); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT version FROM authbridge_schema");
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Back within HikariCP's pause between connection attempts (it doubles up to 5 s) and the
     * stale connections it drops on their first use.
     */
    private static void awaitHealthy(Database db) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                db.checkHealth();
                return;
            } catch (StoreUnavailableException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("the store did not come back within 10 s: " + e.getMessage(), e);
                }
            }
        }
    }

    @Test
    void openWhenEightInstancesStartAtOnceOnAFreshDatabaseThenMigratedOnceAndEveryOneWorks() throws Exception {
        PostgresStores pg = PostgresStores.create("fresh");

        List<Database> opened = Race.run(8, () -> Database.open(pg.config(2, Duration.ofSeconds(10))));
        try {
            assertEquals(PostgresSchema.LATEST, schemaVersion(pg));
            for (int i = 0; i < opened.size(); i++) {
                String hash = String.format("%064x", i);
                new SqlTokenStore(opened.get(i)).save(token(hash));
                assertTrue(new SqlTokenStore(opened.get((i + 1) % 8)).find(hash).isPresent());
            }
        } finally {
            opened.forEach(Database::close);
        }
    }

    /**
     * Four instances migrating one empty database at once, each on its own connection, through the
     * runner itself (not {@link Database#open}, which would hide a failed migration behind a retry
     * at the first request): every one returns, and the schema is at the latest version, once.
     * The losers wait on the advisory lock while the winner creates the version table, so their
     * re-read must see a table created after their transaction began.
     */
    @Test
    void migrateWhenFourProcessesRaceOnAnEmptyDatabaseThenAllSucceedAndTheSchemaIsAtTheLatestVersionOnce()
            throws Exception {
        for (int round = 0; round < 3; round++) {
            PostgresStores pg = PostgresStores.create("race" + round);
            PostgresDialect dialect = new PostgresDialect(pg.config(1, Duration.ofSeconds(10)).postgres());
            List<HikariDataSource> pools = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    pools.add(dialect.openPool());
                }
                List<Integer> versions = Race.run(pools.stream().<Callable<Integer>>map(pool -> () -> {
                    Jdbi jdbi = Jdbi.create(pool);
                    Migrations.migrate(jdbi, dialect);
                    return jdbi.withHandle(dialect::schemaVersion);
                }).toList());

                assertEquals(List.of(PostgresSchema.LATEST, PostgresSchema.LATEST, PostgresSchema.LATEST,
                        PostgresSchema.LATEST), versions, "round " + round);
                assertEquals(PostgresSchema.LATEST, schemaVersion(pg));
                try (Connection c = pg.server().connectAsSuperuser(pg.database()); Statement s = c.createStatement()) {
                    var rows = s.executeQuery("SELECT COUNT(*) FROM authbridge_schema");
                    rows.next();
                    assertEquals(1, rows.getInt(1), "one version row");
                }
            } finally {
                pools.forEach(HikariDataSource::close);
            }
        }
    }

    @Test
    void openWhenServerDownThenOpensAnswersUnavailableWithinTheTimeoutAndMigratesOnceItIsUp() throws Exception {
        PostgresStores pg = PostgresStores.on(own, "down_at_boot");
        own.stop();
        try (Database db = Database.open(pg.config(2, TIMEOUT))) {
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                var e = assertThrows(StoreUnavailableException.class, db::checkHealth);
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertTrue(millis < TIMEOUT.toMillis() + 1500, "answered after " + millis + " ms");
                assertTrue(e.reason().startsWith("the database server refuses connections (08001)")
                        || e.reason().startsWith("no connection to the store"), e.reason());
                assertFalse(e.getMessage().contains(own.password()));
            }

            own.start();

            awaitHealthy(db);
            assertEquals(PostgresSchema.LATEST, schemaVersion(pg));
        } finally {
            own.start();
        }
    }

    @Test
    void callWhenServerRestartedThenUnavailableThenBackWithoutReopening() {
        PostgresStores pg = PostgresStores.on(own, "restarted");
        try (Database db = Database.open(pg.config(2, TIMEOUT))) {
            db.checkHealth();
            own.stop();
            var e = assertThrows(StoreUnavailableException.class, db::checkHealth);
            assertTrue(e.reason().contains("(08") || e.reason().startsWith("no connection") || e.reason().contains("57P01"),
                    e.reason());
            own.start();

            awaitHealthy(db);
        } finally {
            own.start();
        }
    }

    @Test
    void callWhenConnectionTerminatedByAnAdministratorThenReasonSaysSo() throws Exception {
        PostgresStores pg = PostgresStores.on(own, "terminated");
        try (Database db = Database.open(pg.config(1, TIMEOUT))) {
            db.checkHealth();
            try (Connection c = own.connectAsSuperuser("postgres"); Statement s = c.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + pg.database() + "'");
            }

            var e = assertThrows(StoreUnavailableException.class, db::checkHealth);

            assertTrue(e.reason().equals("the database server is shutting down (57P01)")
                    || e.reason().startsWith("the connection to the database server was lost"), e.reason());
            awaitHealthy(db);
        }
    }

    @Test
    void writeWhenDatabaseReadOnlyThenReasonIsTheStandbys() throws Exception {
        PostgresStores pg = PostgresStores.on(own, "read_only");
        try (Database db = Database.open(pg.config(1, TIMEOUT))) {
            try (Connection c = own.connectAsSuperuser("postgres"); Statement s = c.createStatement()) {
                s.execute("ALTER DATABASE " + pg.database() + " SET default_transaction_read_only = on");
            }
            db.close();
            try (Database reopened = Database.open(pg.config(1, TIMEOUT))) {
                var e = assertThrows(StoreUnavailableException.class, reopened::checkHealth);

                assertEquals("the database server is a read-only standby (25006)", e.reason());
            }
        }
    }

    @Test
    void openWhenPasswordWrongThenReasonNamesCredentialsNeverThePassword() {
        PostgresStores pg = PostgresStores.on(own, "wrong_password");
        PostgresConfig right = pg.config().postgres();
        StoreConfig wrong = StoreConfig.postgres(new PostgresConfig(right.jdbcUrl(), right.location(), right.user(),
                new Secret("not-the-Password-42"), 1, TIMEOUT, right.sslMode(), null), Duration.ofMinutes(1));
        try (Database db = Database.open(wrong)) {
            var e = assertThrows(StoreUnavailableException.class, db::checkHealth);

            assertEquals("the database server refused the user name or password (28P01)", e.reason());
            assertFalse(e.getMessage().contains("not-the-Password-42"), e.getMessage());
        }
    }

    @Test
    void saveWhenDuplicateHashThenMessageHasTheServersWordsButNotTheValue() {
        PostgresStores pg = PostgresStores.create("duplicate");
        String hash = "ab".repeat(32);
        try (Database db = Database.open(pg.config())) {
            SqlTokenStore tokens = new SqlTokenStore(db);
            tokens.save(token(hash));

            var e = assertThrows(StoreUnavailableException.class, () -> tokens.save(token(hash)));

            assertTrue(e.getMessage().contains("duplicate key value violates unique constraint"), e.getMessage());
            assertTrue(e.getMessage().contains("23505"), e.getMessage());
            assertFalse(e.getMessage().contains(hash), e.getMessage());
        }
    }

    @Test
    void openWhenSchemaNewerThanBuildThenUnavailable() throws Exception {
        PostgresStores pg = PostgresStores.create("future");
        Database.open(pg.config()).close();
        try (Connection c = pg.server().connectAsSuperuser(pg.database()); Statement s = c.createStatement()) {
            s.execute("UPDATE authbridge_schema SET version = " + (PostgresSchema.LATEST + 1));
        }
        try (Database db = Database.open(pg.config())) {
            var e = assertThrows(StoreUnavailableException.class, db::checkHealth);

            assertTrue(e.getMessage().contains("newer than this build"), e.getMessage());
            assertEquals("the store's schema is newer than this build", e.reason());
        }
    }

    @Test
    void openWhenTlsVerifiedAgainstTheCaThenWorksAndWithoutTlsRefused() {
        try (Postgres tls = Postgres.start(Postgres.options().tls())) {
            PostgresStores pg = PostgresStores.on(tls, tls.database());
            try (Database db = Database.open(pg.config(1, Duration.ofSeconds(5)))) {
                db.checkHealth();
            }
            PostgresConfig verified = pg.config().postgres();
            StoreConfig plain = StoreConfig.postgres(new PostgresConfig(verified.jdbcUrl(), verified.location(),
                    verified.user(), verified.password(), 1, TIMEOUT, PostgresConfig.SslMode.DISABLE, null),
                    Duration.ofMinutes(1));
            try (Database db = Database.open(plain)) {
                var e = assertThrows(StoreUnavailableException.class, db::checkHealth);
                assertTrue(e.reason().contains("(28000)") || e.reason().contains("refused"), e.reason());
            }
        }
    }
}
