package dev.authbridge.token;

import dev.authbridge.store.Columns;
import dev.authbridge.store.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * {@link TokenAdmin} over the {@code tokens} table of the {@link Database}, one SQL for every
 * engine. Names compare without case as {@code LOWER} folds them (ASCII in SQLite). Revocations
 * {@link Database#sweep sweep}, as {@link SqlTokenStore}'s do.
 */
public final class SqlTokenAdmin implements TokenAdmin {
    private static final int SHOWN_ID = 12;
    private static final RowMapper<TokenRow> ROW = (rs, ctx) -> new TokenRow(
            rs.getString("hash").substring(0, SHOWN_ID),
            TokenKind.valueOf(rs.getString("kind")),
            rs.getString("family"),
            rs.getString("user_name"),
            rs.getString("tenant_id"),
            rs.getString("client_id"),
            rs.getString("scope"),
            Columns.instant(rs, "issued_at"),
            Columns.instant(rs, "expires_at"),
            Columns.instant(rs, "used_at"),
            Columns.instant(rs, "revoked_at"));

    private final Database db;

    public SqlTokenAdmin(Database db) {
        this.db = db;
    }

    @Override
    public List<TokenRow> list(TokenAdmin.Query q, Instant now) {
        StringBuilder sql = new StringBuilder("SELECT hash, kind, family, user_name, tenant_id, client_id, scope, "
                + "issued_at, expires_at, used_at, revoked_at FROM tokens WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.userName() != null) {
            sql.append(" AND LOWER(user_name) = LOWER(?)");
            args.add(q.userName());
        }
        if (q.clientId() != null) {
            sql.append(" AND client_id = ?");
            args.add(q.clientId());
        }
        if (q.tenantId() != null) {
            sql.append(" AND LOWER(tenant_id) = LOWER(?)");
            args.add(q.tenantId());
        }
        if (!q.includeInactive()) {
            sql.append(" AND revoked_at IS NULL AND used_at IS NULL AND expires_at > ?");
            args.add(now);
        }
        sql.append(" ORDER BY issued_at DESC, hash LIMIT ?");
        args.add(Math.max(1, q.limit()));
        return db.call("listTokens", h -> {
            var query = h.createQuery(sql.toString());
            for (int i = 0; i < args.size(); i++) {
                query.bind(i, args.get(i));
            }
            return query.map(ROW).list();
        });
    }

    @Override
    public int revokeSignIn(String idPrefix, Instant at) {
        String prefix = idPrefix == null ? "" : idPrefix.toLowerCase(Locale.ROOT);
        if (prefix.length() < MIN_ID_LENGTH || !prefix.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("a token id is at least " + MIN_ID_LENGTH + " hex digits, as 'tokens list' shows it");
        }
        return db.write("revokeSignIn", tx -> {
            // hash >= prefix AND hash < prefix + 'g': a range scan of the primary key, no LIKE.
            List<String> families = tx.createQuery("SELECT DISTINCT family FROM tokens WHERE hash >= ? AND hash < ?")
                    .bind(0, prefix)
                    .bind(1, prefix + "g")
                    .mapTo(String.class)
                    .list();
            if (families.isEmpty()) {
                throw new IllegalArgumentException("no token has an id starting with " + prefix);
            }
            if (families.size() > 1) {
                throw new IllegalArgumentException("the id " + prefix + " names tokens of several sign-ins; give more digits");
            }
            return Database.sweep(tx, "UPDATE tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL",
                    at, families.get(0));
        });
    }

    @Override
    public int revokeUser(String userName, Instant at) {
        // By subject: the same person may have signed in under another spelling of the name.
        return db.sweep("revokeUser", "UPDATE tokens SET revoked_at = ? WHERE revoked_at IS NULL AND subject IN "
                        + "(SELECT DISTINCT subject FROM tokens WHERE LOWER(user_name) = LOWER(?) AND subject IS NOT NULL)",
                at, userName);
    }

    @Override
    public int revokeClient(String clientId, Instant at) {
        // Its own tokens; those it asked for by exchange (for any target); and the whole of every
        // sign-in it started (what other clients exchanged from its users' tokens joined them).
        return db.sweep("revokeClient", "UPDATE tokens SET revoked_at = ? WHERE revoked_at IS NULL AND "
                        + "(client_id = ? OR exchanged_by = ? OR family IN "
                        + "(SELECT family FROM tokens WHERE client_id = ? AND exchanged_by IS NULL))",
                at, clientId, clientId, clientId);
    }
}
