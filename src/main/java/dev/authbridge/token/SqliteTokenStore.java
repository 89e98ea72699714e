package dev.authbridge.token;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.authbridge.config.StoreConfig;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The {@link TokenStore} on one SQLite file, through JDBI over a small HikariCP pool.
 *
 * <p>Invariants: only token hashes are stored; every connection runs in WAL mode (readers never
 * block the writer) with {@code synchronous=NORMAL} (durable across application crashes, may
 * lose the last commits on power loss, which for tokens means a re-login), the configured busy
 * timeout and foreign keys on; the schema is at {@link SqliteSchema#LATEST} once {@link #open}
 * returns. Every failure of SQLite, the pool or JDBI surfaces as {@link
 * TokenStoreUnavailableException} whose message names the operation, never a token or hash.
 */
public final class SqliteTokenStore implements TokenStore {

    private static final int POOL_SIZE = 4;
    private static final int PURGE_BATCH = 1000;
    private static final String COLUMNS = "hash, kind, family, subject, user_dn, user_name, tenant_id, "
            + "client_id, scope, issued_at, expires_at, used_at, revoked_at";
    private static final RowMapper<StoredToken> ROW = (rs, ctx) -> new StoredToken(
            rs.getString("hash"),
            TokenKind.valueOf(rs.getString("kind")),
            rs.getString("family"),
            new TokenOwner(
                    rs.getString("subject"), rs.getString("user_dn"),
                    rs.getString("user_name"), rs.getString("tenant_id")),
            rs.getString("client_id"),
            rs.getString("scope"),
            instant(rs, "issued_at"),
            instant(rs, "expires_at"),
            instant(rs, "used_at"),
            instant(rs, "revoked_at"));

    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private SqliteTokenStore(HikariDataSource pool) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        // Exception messages must not carry bound values (token hashes) into logs.
        jdbi.getConfig(StatementExceptions.class)
                .setMessageRendering(StatementExceptions.MessageRendering.NONE);
    }

    /**
     * Opens (creating if needed, owner-only where POSIX permissions exist) the store file at
     * {@code cfg.path()} and migrates its schema to the latest version.
     *
     * @throws TokenStoreUnavailableException if the file cannot be created, opened, locked within
     *     the busy timeout, is not a SQLite database, or has a newer schema than this build knows
     */
    public static SqliteTokenStore open(StoreConfig cfg) {
        Path path = cfg.path().toAbsolutePath();
        HikariDataSource pool = null;
        try {
            createOwnerOnly(path);
            pool = new HikariDataSource(poolConfig(path, cfg));
            SqliteTokenStore store = new SqliteTokenStore(pool);
            SqliteSchema.migrate(store.jdbi);
            return store;
        } catch (TokenStoreUnavailableException e) {
            closeQuietly(pool);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(pool);
            throw new TokenStoreUnavailableException(
                    "cannot open token store " + path + ": " + rootMessage(e), e);
        }
    }

    @Override
    public void save(StoredToken t) {
        call("save", h -> h.createUpdate("INSERT INTO tokens (" + COLUMNS + ") "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, t.hash())
                .bind(1, t.kind().name())
                .bind(2, t.family())
                .bind(3, t.owner().subject())
                .bind(4, t.owner().userDn())
                .bind(5, t.owner().userName())
                .bind(6, t.owner().tenantId())
                .bind(7, t.clientId())
                .bind(8, t.scope())
                .bind(9, millis(t.issuedAt()))
                .bind(10, millis(t.expiresAt()))
                .bind(11, millis(t.usedAt()))
                .bind(12, millis(t.revokedAt()))
                .execute());
    }

    @Override
    public Optional<StoredToken> find(String hash) {
        return call("find", h -> h.createQuery("SELECT " + COLUMNS + " FROM tokens WHERE hash = ?")
                .bind(0, hash)
                .map(ROW)
                .findOne());
    }

    /** One conditional UPDATE: SQLite serializes writers, so exactly one caller changes the row. */
    @Override
    public boolean markUsed(String hash, Instant at) {
        return update("markUsed",
                "UPDATE tokens SET used_at = ? WHERE hash = ? AND used_at IS NULL AND revoked_at IS NULL",
                millis(at), hash) == 1;
    }

    @Override
    public int revoke(String hash, Instant at) {
        return update("revoke",
                "UPDATE tokens SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL", millis(at), hash);
    }

    @Override
    public int revokeFamily(String family, Instant at) {
        return update("revokeFamily",
                "UPDATE tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL", millis(at), family);
    }

    @Override
    public int revokeSubject(String subject, Instant at) {
        return update("revokeSubject",
                "UPDATE tokens SET revoked_at = ? WHERE subject = ? AND revoked_at IS NULL", millis(at), subject);
    }

    /** Deletes in batches so the write lock is never held long enough to stall sign-ins. */
    @Override
    public int purgeExpired(Instant before) {
        int total = 0;
        int deleted;
        do {
            deleted = update("purgeExpired",
                    "DELETE FROM tokens WHERE hash IN "
                            + "(SELECT hash FROM tokens WHERE expires_at < ? LIMIT " + PURGE_BATCH + ")",
                    millis(before));
            total += deleted;
        } while (deleted == PURGE_BATCH);
        return total;
    }

    @Override
    public void checkHealth() {
        call("checkHealth", h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
    }

    @Override
    public void close() {
        pool.close();
    }

    private int update(String operation, String sql, Object... args) {
        return call(operation, h -> {
            var update = h.createUpdate(sql);
            for (int i = 0; i < args.length; i++) {
                update.bind(i, args[i]);
            }
            return update.execute();
        });
    }

    private <T> T call(String operation, Function<Handle, T> work) {
        try {
            return jdbi.withHandle(work::apply);
        } catch (JdbiException e) {
            throw new TokenStoreUnavailableException(
                    "token store " + operation + " failed: " + rootMessage(e), e);
        }
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
        hikari.setPoolName("token-store");
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
        // e.g. "NotDirectoryException: /var/lib/authbridge" says more than the path alone
        return message == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + message;
    }

    private static void closeQuietly(HikariDataSource pool) {
        if (pool != null) {
            pool.close();
        }
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
