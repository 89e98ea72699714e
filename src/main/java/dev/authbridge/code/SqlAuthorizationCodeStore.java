package dev.authbridge.code;

import dev.authbridge.store.Columns;
import dev.authbridge.store.Database;
import dev.authbridge.token.TokenOwnerColumns;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The {@link AuthorizationCodeStore} in the {@link Database} (table {@code authorization_codes}),
 * one SQL for every engine. Each race is one statement on the code's row: redeeming is a
 * conditional {@code UPDATE … WHERE used_at IS NULL}; recording the tokens and recording a
 * replay each change the row and read the other's column back with {@code RETURNING}, so
 * whichever changes the row second sees what the first wrote.
 */
public final class SqlAuthorizationCodeStore implements AuthorizationCodeStore {
    private static final String COLUMNS = "hash, client_id, redirect_uri, subject, user_dn, user_name, tenant_id, "
            + "scope, code_challenge, nonce, auth_time, issued_at, expires_at, used_at, replayed_at, token_family, "
            + "retain_until";
    private static final RowMapper<AuthorizationCode> ROW = (rs, ctx) -> new AuthorizationCode(
            rs.getString("hash"),
            rs.getString("client_id"),
            rs.getString("redirect_uri"),
            TokenOwnerColumns.read(rs),
            rs.getString("scope"),
            rs.getString("code_challenge"),
            rs.getString("nonce"),
            Columns.instant(rs, "auth_time"),
            Columns.instant(rs, "issued_at"),
            Columns.instant(rs, "expires_at"),
            Columns.instant(rs, "used_at"),
            Columns.instant(rs, "replayed_at"),
            rs.getString("token_family"),
            Columns.instant(rs, "retain_until"));

    private final Database db;

    public SqlAuthorizationCodeStore(Database db) {
        this.db = db;
    }

    @Override
    public void save(AuthorizationCode c) {
        db.update("saveCode", "INSERT INTO authorization_codes (" + COLUMNS + ") "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.hash(), c.clientId(), c.redirectUri(), c.owner().subject(), c.owner().userDn(),
                c.owner().userName(), c.owner().tenantId(), c.scope(), c.codeChallenge(), c.nonce(),
                c.authTime(), c.issuedAt(), c.expiresAt(), c.usedAt(), c.replayedAt(), c.tokenFamily(),
                c.retainUntil());
    }

    @Override
    public Optional<AuthorizationCode> find(String hash) {
        return db.call("findCode", h -> h.createQuery("SELECT " + COLUMNS + " FROM authorization_codes WHERE hash = ?")
                .bind(0, hash)
                .map(ROW)
                .findOne());
    }

    /** One conditional UPDATE: of concurrent callers exactly one changes the row. */
    @Override
    public boolean markUsed(String hash, Instant at) {
        return db.update("markCodeUsed", "UPDATE authorization_codes SET used_at = ? WHERE hash = ? AND used_at IS NULL",
                at, hash) == 1;
    }

    @Override
    public Optional<String> markReplayed(String hash, Instant at) {
        return db.write("markCodeReplayed", h -> h.createQuery(
                        "UPDATE authorization_codes SET replayed_at = COALESCE(replayed_at, ?) WHERE hash = ? "
                                + "RETURNING token_family")
                .bind(0, at)
                .bind(1, hash)
                .map((rs, ctx) -> Optional.ofNullable(rs.getString("token_family")))
                .findOne()
                .flatMap(family -> family));
    }

    @Override
    public boolean recordTokens(String hash, String tokenFamily, Instant retainUntil) {
        return db.write("recordCodeTokens", h -> h.createQuery(
                        "UPDATE authorization_codes SET token_family = ?, retain_until = ? WHERE hash = ? "
                                + "RETURNING replayed_at")
                .bind(0, tokenFamily)
                .bind(1, retainUntil)
                .bind(2, hash)
                .map((rs, ctx) -> Columns.instant(rs, "replayed_at") == null)
                .findOne()
                .orElse(false));
    }

    @Override
    public int purgeExpired(Instant before) {
        return db.update("purgeCodes", "DELETE FROM authorization_codes WHERE retain_until < ?", before);
    }
}
