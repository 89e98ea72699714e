package dev.authbridge.token;

import dev.authbridge.store.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The columns a {@link TokenOwner} is kept in, the same in every table that records one (tokens,
 * authorization codes, browser sessions): {@code subject}, {@code user_dn}, {@code user_name},
 * {@code tenant_id} and {@code auth_time} (epoch milliseconds).
 */
public final class TokenOwnerColumns {

    private TokenOwnerColumns() {}

    /** The owner in the current row of {@code rs}; null columns stay null. */
    public static TokenOwner read(ResultSet rs) throws SQLException {
        return new TokenOwner(rs.getString("subject"), rs.getString("user_dn"), rs.getString("user_name"),
                rs.getString("tenant_id"), Columns.instant(rs, "auth_time"));
    }
}
