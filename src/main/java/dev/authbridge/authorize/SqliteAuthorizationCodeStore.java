package dev.authbridge.authorize;

import dev.authbridge.store.Database;
import dev.authbridge.token.TokenOwner;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** The {@link AuthorizationCodeStore} in the shared SQLite {@link Database}. */
public final class SqliteAuthorizationCodeStore implements AuthorizationCodeStore {
    private static final String COLUMNS = "hash, client_id, redirect_uri, subject, user_dn, user_name, tenant_id, "
            + "scope, code_challenge, nonce, auth_time, issued_at, expires_at, used_at, replayed_at, token_family, "
            + "retain_until";
    private static final RowMapper<AuthorizationCode> ROW = (rs, ctx) -> {
        Instant authTime = instant(rs, "auth_time");
        return new AuthorizationCode(
                rs.getString("hash"),
                rs.getString("client_id"),
                rs.getString("redirect_uri"),
                new TokenOwner(rs.getString("subject"), rs.getString("user_dn"), rs.getString("user_name"),
                        rs.getString("tenant_id"), authTime),
                rs.getString("scope"),
                rs.getString("code_challenge"),
                rs.getString("nonce"),
                authTime,
                instant(rs, "issued_at"),
                instant(rs, "expires_at"),
                instant(rs, "used_at"),
                instant(rs, "replayed_at"),
                rs.getString("token_family"),
                instant(rs, "retain_until"));
    };

    private final Database db;

    public SqliteAuthorizationCodeStore(Database db) {
        this.db = db;
    }

    @Override
    public void save(AuthorizationCode c) {
        db.update("saveCode", "INSERT INTO authorization_codes (" + COLUMNS + ") "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.hash(), c.clientId(), c.redirectUri(), c.owner().subject(), c.owner().userDn(),
                c.owner().userName(), c.owner().tenantId(), c.scope(), c.codeChallenge(), c.nonce(),
                millis(c.authTime()), millis(c.issuedAt()), millis(c.expiresAt()), millis(c.usedAt()),
                millis(c.replayedAt()), c.tokenFamily(), millis(c.retainUntil()));
    }

    @Override
    public Optional<AuthorizationCode> find(String hash) {
        return db.call("findCode", h -> h.createQuery("SELECT " + COLUMNS + " FROM authorization_codes WHERE hash = ?")
                .bind(0, hash)
                .map(ROW)
                .findOne());
    }

    /** One conditional UPDATE: SQLite serializes writers, so exactly one caller changes the row. */
    @Override
    public boolean markUsed(String hash, Instant at) {
        return db.update("markCodeUsed", "UPDATE authorization_codes SET used_at = ? WHERE hash = ? AND used_at IS NULL",
                millis(at), hash) == 1;
    }

    @Override
    public void markReplayed(String hash, Instant at) {
        db.update("markCodeReplayed",
                "UPDATE authorization_codes SET replayed_at = ? WHERE hash = ? AND replayed_at IS NULL", millis(at), hash);
    }

    @Override
    public void recordTokens(String hash, String tokenFamily, Instant retainUntil) {
        db.update("recordCodeTokens", "UPDATE authorization_codes SET token_family = ?, retain_until = ? WHERE hash = ?",
                tokenFamily, millis(retainUntil), hash);
    }

    @Override
    public int purgeExpired(Instant before) {
        return db.update("purgeCodes", "DELETE FROM authorization_codes WHERE retain_until < ?", millis(before));
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
