package dev.authbridge.jwt;

import com.nimbusds.jose.jwk.JWK;
import dev.authbridge.store.Columns;
import dev.authbridge.store.Database;
import dev.authbridge.store.StoreUnavailableException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The {@link SigningKeyStore} in the {@link Database} (table {@code signing_keys}, schema v3),
 * one SQL for every engine. The store is owner-only (the SQLite file), which is what protects the
 * private halves; a partial unique index keeps one {@code ACTIVE} and one {@code NEXT} key even
 * across processes, and a key is added with {@code ON CONFLICT DO NOTHING}, so of several
 * processes adding one, one does.
 *
 * <p>A rotation first takes the store's lock {@value #ROTATION_LOCK} ({@link Database#lock}):
 * rotations run one after the other in any process, each sees the keys the one before it made,
 * and each promotes a key once. (Taking the {@code NEXT} row instead deadlocks on PostgreSQL: a
 * rotation that waited for that row keeps the lock on its newer version, the key now
 * {@code ACTIVE}, which the next rotation must retire.)
 */
public final class SqlSigningKeyStore implements SigningKeyStore {
    private static final String COLUMNS = "kid, status, jwk, created_at, retired_at";
    private static final String ROTATION_LOCK = "signing key rotation";
    private static final RowMapper<SigningKey> ROW = (rs, ctx) -> new SigningKey(
            rs.getString("kid"),
            KeyStatus.valueOf(rs.getString("status")),
            jwk(rs),
            Columns.instant(rs, "created_at"),
            Columns.instant(rs, "retired_at"));

    private final Database db;

    public SqlSigningKeyStore(Database db) {
        this.db = db;
    }

    @Override
    public List<SigningKey> all() {
        return db.call("loadSigningKeys", h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM signing_keys ORDER BY created_at DESC, kid")
                .map(ROW)
                .list());
    }

    @Override
    public boolean addIfAbsent(SigningKey key) {
        if (key.status() == KeyStatus.RETIRED) {
            throw new IllegalArgumentException("only a NEXT or ACTIVE key can be added");
        }
        return db.write("addSigningKey", h -> insert(h, key)) == 1;
    }

    @Override
    public boolean rotate(SigningKey newNext, Instant at) {
        return rotate(null, newNext, at);
    }

    /** The check runs under the lock every rotation takes first. */
    @Override
    public boolean rotateIfActive(String activeKid, SigningKey newNext, Instant at) {
        return rotate(Objects.requireNonNull(activeKid, "activeKid"), newNext, at);
    }

    private boolean rotate(String expectedActive, SigningKey newNext, Instant at) {
        if (newNext.status() != KeyStatus.NEXT) {
            throw new IllegalArgumentException("the new key must be NEXT");
        }
        return db.write("rotateSigningKeys", tx -> {
            db.lock(tx, ROTATION_LOCK);
            Optional<String> next = find(tx, KeyStatus.NEXT).map(SigningKey::kid);
            Optional<SigningKey> active = find(tx, KeyStatus.ACTIVE);
            if (next.isEmpty() || active.isEmpty()
                    || (expectedActive != null && !expectedActive.equals(active.get().kid()))) {
                return false;
            }
            // Retire first: the unique index allows one ACTIVE row at any moment.
            if (tx.execute("UPDATE signing_keys SET status = 'RETIRED', retired_at = ?, jwk = ? "
                            + "WHERE kid = ? AND status = 'ACTIVE'",
                    at, active.get().publicJwk().toJSONString(), active.get().kid()) != 1) {
                throw new IllegalStateException("the active key changed during a rotation");
            }
            tx.execute("UPDATE signing_keys SET status = 'ACTIVE' WHERE kid = ?", next.get());
            if (insert(tx, newNext) != 1) {
                throw new IllegalStateException("the new NEXT key could not be added");
            }
            return true;
        });
    }

    @Override
    public boolean discardNext(String kid) {
        return db.update("discardNextSigningKey",
                "DELETE FROM signing_keys WHERE kid = ? AND status = 'NEXT'", kid) == 1;
    }

    @Override
    public int deleteRetiredBefore(Instant cutoff) {
        return db.update("deleteRetiredSigningKeys",
                "DELETE FROM signing_keys WHERE status = 'RETIRED' AND retired_at < ?", cutoff);
    }

    private static int insert(Handle h, SigningKey key) {
        return h.execute("INSERT INTO signing_keys (kid, status, algorithm, jwk, created_at, retired_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                key.kid(), key.status().name(), key.algorithm().name(), key.jwk().toJSONString(), key.createdAt(),
                key.retiredAt());
    }

    private static Optional<SigningKey> find(Handle h, KeyStatus status) {
        return h.createQuery("SELECT " + COLUMNS + " FROM signing_keys WHERE status = ?")
                .bind(0, status.name())
                .map(ROW)
                .findOne();
    }

    private static JWK jwk(ResultSet rs) throws SQLException {
        try {
            return JWK.parse(rs.getString("jwk"));
        } catch (ParseException e) {
            // The message names the key id only: the column may hold private key material.
            throw new StoreUnavailableException("signing key " + rs.getString("kid") + " is not a valid JWK", null);
        }
    }
}
