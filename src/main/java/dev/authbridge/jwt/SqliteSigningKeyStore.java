package dev.authbridge.jwt;

import com.nimbusds.jose.jwk.JWK;
import dev.authbridge.store.Database;
import dev.authbridge.store.StoreUnavailableException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The {@link SigningKeyStore} in the {@link Database} (table {@code signing_keys}, schema v3).
 * The store file is created owner-only, which is what protects the private halves; a partial
 * unique index keeps one {@code ACTIVE} and one {@code NEXT} key even across processes.
 */
public final class SqliteSigningKeyStore implements SigningKeyStore {
    private static final String COLUMNS = "kid, status, jwk, created_at, retired_at";
    private static final RowMapper<SigningKey> ROW = (rs, ctx) -> new SigningKey(
            rs.getString("kid"),
            KeyStatus.valueOf(rs.getString("status")),
            jwk(rs),
            instant(rs, "created_at"),
            instant(rs, "retired_at"));

    private final Database db;

    public SqliteSigningKeyStore(Database db) {
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
        if (newNext.status() != KeyStatus.NEXT) {
            throw new IllegalArgumentException("the new key must be NEXT");
        }
        return db.write("rotateSigningKeys", h -> h.inTransaction(tx -> {
            Optional<SigningKey> active = find(tx, KeyStatus.ACTIVE);
            if (active.isEmpty() || find(tx, KeyStatus.NEXT).isEmpty()) {
                return false;
            }
            // Retire first: the unique index allows one ACTIVE row at any moment.
            tx.createUpdate("UPDATE signing_keys SET status = 'RETIRED', retired_at = ?, jwk = ? WHERE kid = ?")
                    .bind(0, at.toEpochMilli())
                    .bind(1, active.get().publicJwk().toJSONString())
                    .bind(2, active.get().kid())
                    .execute();
            tx.execute("UPDATE signing_keys SET status = 'ACTIVE' WHERE status = 'NEXT'");
            if (insert(tx, newNext) != 1) {
                throw new IllegalStateException("the new NEXT key could not be added");
            }
            return true;
        }));
    }

    @Override
    public boolean discardNext(String kid) {
        return db.update("discardNextSigningKey",
                "DELETE FROM signing_keys WHERE kid = ? AND status = 'NEXT'", kid) == 1;
    }

    @Override
    public int deleteRetiredBefore(Instant cutoff) {
        return db.update("deleteRetiredSigningKeys",
                "DELETE FROM signing_keys WHERE status = 'RETIRED' AND retired_at < ?", cutoff.toEpochMilli());
    }

    private static int insert(Handle h, SigningKey key) {
        return h.createUpdate("INSERT INTO signing_keys (kid, status, algorithm, jwk, created_at, retired_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .bind(0, key.kid())
                .bind(1, key.status().name())
                .bind(2, key.algorithm().name())
                .bind(3, key.jwk().toJSONString())
                .bind(4, key.createdAt().toEpochMilli())
                .bind(5, key.retiredAt() == null ? null : key.retiredAt().toEpochMilli())
                .execute();
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

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
