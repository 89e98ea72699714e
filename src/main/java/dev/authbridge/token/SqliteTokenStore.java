package dev.authbridge.token;

import dev.authbridge.config.StoreConfig;
import dev.authbridge.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The {@link TokenStore} in the {@link Database} (one SQLite file). Only token hashes are
 * stored; every failure surfaces as {@code StoreUnavailableException}, never naming a hash.
 */
public final class SqliteTokenStore implements TokenStore {

    private static final int POOL_SIZE = 4;
    private static final int PURGE_BATCH = 1000;
    private static final String COLUMNS = "hash, kind, family, subject, user_dn, user_name, tenant_id, "
            + "client_id, scope, issued_at, expires_at, used_at, revoked_at, auth_time";
    private static final RowMapper<StoredToken> ROW = (rs, ctx) -> new StoredToken(
            rs.getString("hash"),
            TokenKind.valueOf(rs.getString("kind")),
            rs.getString("family"),
            new TokenOwner(
                    rs.getString("subject"), rs.getString("user_dn"),
                    rs.getString("user_name"), rs.getString("tenant_id"), instant(rs, "auth_time")),
            rs.getString("client_id"),
            rs.getString("scope"),
            instant(rs, "issued_at"),
            instant(rs, "expires_at"),
            instant(rs, "used_at"),
            instant(rs, "revoked_at"));

    private final Database db;
    private final boolean ownsDatabase;

    /** A token store in a database shared with other stores; closing it leaves the database open. */
    public SqliteTokenStore(Database db) {
        this(db, false);
    }

    private SqliteTokenStore(Database db, boolean ownsDatabase) {
        this.db = db;
        this.ownsDatabase = ownsDatabase;
    }

    /** A token store with a database of its own (opened, migrated, closed with the store). */
    public static SqliteTokenStore open(StoreConfig cfg) {
        return new SqliteTokenStore(Database.open(cfg), true);
    }

    @Override
    public void save(StoredToken t) {
        db.write("save", h -> insert(h, t));
    }

    private static int insert(Handle h, StoredToken t) {
        return h.createUpdate("INSERT INTO tokens (" + COLUMNS + ") "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
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
                .bind(13, millis(t.owner().authTime()))
                .execute();
    }

    @Override
    public void saveAll(List<StoredToken> tokens) {
        db.write("saveAll", h -> {
            tokens.forEach(t -> insert(h, t));
            return null;
        });
    }

    @Override
    public boolean exchange(String refreshHash, boolean markUsed, List<StoredToken> next, Instant at) {
        return db.write("exchange", h -> {
            boolean live = markUsed
                    ? h.createUpdate("UPDATE tokens SET used_at = ? WHERE hash = ? AND used_at IS NULL AND revoked_at IS NULL")
                            .bind(0, millis(at)).bind(1, refreshHash).execute() == 1
                    : h.createQuery("SELECT COUNT(*) FROM tokens WHERE hash = ? AND used_at IS NULL AND revoked_at IS NULL")
                            .bind(0, refreshHash).mapTo(Integer.class).one() == 1;
            if (live) {
                next.forEach(t -> insert(h, t));
            }
            return live;
        });
    }

    @Override
    public Optional<StoredToken> find(String hash) {
        return db.call("find", h -> h.createQuery("SELECT " + COLUMNS + " FROM tokens WHERE hash = ?")
                .bind(0, hash)
                .map(ROW)
                .findOne());
    }

    /** One conditional UPDATE: SQLite serializes writers, so exactly one caller changes the row. */
    @Override
    public boolean markUsed(String hash, Instant at) {
        return db.update("markUsed",
                "UPDATE tokens SET used_at = ? WHERE hash = ? AND used_at IS NULL AND revoked_at IS NULL",
                millis(at), hash) == 1;
    }

    @Override
    public int revoke(String hash, Instant at) {
        return db.update("revoke",
                "UPDATE tokens SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL", millis(at), hash);
    }

    @Override
    public int revokeFamily(String family, Instant at) {
        return db.update("revokeFamily",
                "UPDATE tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL", millis(at), family);
    }

    @Override
    public int revokeSubject(String subject, Instant at) {
        return db.update("revokeSubject",
                "UPDATE tokens SET revoked_at = ? WHERE subject = ? AND revoked_at IS NULL", millis(at), subject);
    }

    @Override
    public int revokeSubjectExcept(String subject, String keepFamily, Instant at) {
        return db.update("revokeSubjectExcept",
                "UPDATE tokens SET revoked_at = ? WHERE subject = ? AND family <> ? AND revoked_at IS NULL",
                millis(at), subject, keepFamily);
    }

    /** Deletes in batches so the write lock is never held long enough to stall sign-ins. */
    @Override
    public int purgeExpired(Instant before) {
        int total = 0;
        int deleted;
        do {
            deleted = db.update("purgeExpired",
                    "DELETE FROM tokens WHERE rowid IN "
                            + "(SELECT rowid FROM tokens WHERE expires_at < ? LIMIT " + PURGE_BATCH + ")",
                    millis(before));
            total += deleted;
        } while (deleted == PURGE_BATCH);
        return total;
    }

    @Override
    public void checkHealth() {
        db.checkHealth();
    }

    @Override
    public void close() {
        if (ownsDatabase) {
            db.close();
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
