package dev.authbridge.token;

import dev.authbridge.config.StoreConfig;
import dev.authbridge.store.Columns;
import dev.authbridge.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The {@link TokenStore} in the {@link Database} (table {@code tokens}), one SQL for every
 * engine. Only token hashes are stored; every failure surfaces as
 * {@code StoreUnavailableException}, never naming a hash.
 *
 * <p>The races are decided by the rows themselves: a refresh token is used by the one
 * conditional {@code UPDATE … WHERE used_at IS NULL} that changes it, and holds its row (changed
 * or not) until the new tokens are saved; a revocation {@link Database#sweep sweeps} until
 * nothing live is left, so a refresh racing it either sees the revocation or is caught by it.
 */
public final class SqlTokenStore implements TokenStore {

    private static final int PURGE_BATCH = 1000;
    private static final String COLUMNS = "hash, kind, family, subject, user_dn, user_name, tenant_id, "
            + "client_id, scope, issued_at, expires_at, used_at, revoked_at, auth_time, act, exchanged_by";
    private static final String LIVE = "used_at IS NULL AND revoked_at IS NULL";
    private static final String FIND = "SELECT " + COLUMNS + " FROM tokens WHERE hash = ?";
    private static final String INSERT = "INSERT INTO tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Database db;
    private final boolean ownsDatabase;

    /** A token store in a database shared with other stores; closing it leaves the database open. */
    public SqlTokenStore(Database db) {
        this(db, false);
    }

    private SqlTokenStore(Database db, boolean ownsDatabase) {
        this.db = db;
        this.ownsDatabase = ownsDatabase;
    }

    /** A token store with a database of its own (opened, migrated, closed with the store). */
    public static SqlTokenStore open(StoreConfig cfg) {
        return new SqlTokenStore(Database.open(cfg), true);
    }

    @Override
    public void save(StoredToken t) {
        db.write("save", h -> insert(h, t));
    }

    private int insert(Handle h, StoredToken t) {
        return db.execute(h, INSERT,
                t.hash(), t.kind().name(), t.family(), t.owner().subject(), t.owner().userDn(),
                t.owner().userName(), t.owner().tenantId(), t.clientId(), t.scope(), t.issuedAt(),
                t.expiresAt(), t.usedAt(), t.revokedAt(), t.owner().authTime(),
                t.act() == null ? null : t.act().toJson(), t.exchangedBy());
    }

    @Override
    public void saveAll(List<StoredToken> tokens) {
        db.write("saveAll", h -> {
            tokens.forEach(t -> insert(h, t));
            return null;
        });
    }

    /**
     * Not marking, the {@code UPDATE} changes nothing but still holds the refresh token's row
     * until the new tokens are saved: a revocation of its family waits for them and revokes them
     * too, or came first and this finds the token no longer live.
     */
    @Override
    public boolean exchange(String refreshHash, boolean markUsed, List<StoredToken> next, Instant at) {
        return db.write("exchange", h -> {
            boolean live = markUsed
                    ? db.execute(h, "UPDATE tokens SET used_at = ? WHERE hash = ? AND " + LIVE, at, refreshHash) == 1
                    : db.execute(h, "UPDATE tokens SET used_at = NULL WHERE hash = ? AND " + LIVE, refreshHash) == 1;
            if (live) {
                next.forEach(t -> insert(h, t));
            }
            return live;
        });
    }

    @Override
    public Optional<StoredToken> find(String hash) {
        return db.query("find", FIND, rs -> rs.next() ? Optional.of(read(rs)) : Optional.empty(), hash);
    }

    private static StoredToken read(ResultSet rs) throws SQLException {
        return new StoredToken(
                rs.getString("hash"),
                TokenKind.valueOf(rs.getString("kind")),
                rs.getString("family"),
                TokenOwnerColumns.read(rs),
                rs.getString("client_id"),
                rs.getString("scope"),
                Columns.instant(rs, "issued_at"),
                Columns.instant(rs, "expires_at"),
                Columns.instant(rs, "used_at"),
                Columns.instant(rs, "revoked_at"),
                Actor.fromJson(rs.getString("act")),
                rs.getString("exchanged_by"));
    }

    /** One conditional UPDATE: of concurrent callers exactly one changes the row. */
    @Override
    public boolean markUsed(String hash, Instant at) {
        return db.update("markUsed", "UPDATE tokens SET used_at = ? WHERE hash = ? AND " + LIVE, at, hash) == 1;
    }

    @Override
    public int revoke(String hash, Instant at) {
        return db.update("revoke", "UPDATE tokens SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL", at, hash);
    }

    @Override
    public int revokeFamily(String family, Instant at) {
        return db.sweep("revokeFamily",
                "UPDATE tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL", at, family);
    }

    @Override
    public int revokeSubject(String subject, Instant at) {
        return db.sweep("revokeSubject",
                "UPDATE tokens SET revoked_at = ? WHERE subject = ? AND revoked_at IS NULL", at, subject);
    }

    @Override
    public int revokeSubjectExcept(String subject, String keepFamily, Instant at) {
        return db.sweep("revokeSubjectExcept",
                "UPDATE tokens SET revoked_at = ? WHERE subject = ? AND family <> ? AND revoked_at IS NULL",
                at, subject, keepFamily);
    }

    /** Deletes in batches so no write transaction is long enough to stall sign-ins. */
    @Override
    public int purgeExpired(Instant before) {
        int total = 0;
        int deleted;
        do {
            deleted = db.update("purgeExpired",
                    "DELETE FROM tokens WHERE hash IN "
                            + "(SELECT hash FROM tokens WHERE expires_at < ? LIMIT " + PURGE_BATCH + ")",
                    before);
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
}
