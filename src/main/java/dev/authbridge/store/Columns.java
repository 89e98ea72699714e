package dev.authbridge.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * How the store's columns hold time: an {@link Instant} is milliseconds since the epoch in a
 * 64-bit integer column ({@code INTEGER} in SQLite, {@code BIGINT} elsewhere), SQL {@code NULL}
 * when absent. Registered on the {@link Database}'s JDBI, so a store binds an {@code Instant} as
 * it is and a row mapper reads one back with {@link #instant}.
 */
public final class Columns {

    private Columns() {}

    /** The instant in {@code column}, or null when it is SQL {@code NULL}. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    /** Binds instants as epoch milliseconds and maps such columns back, instead of JDBI's timestamps. */
    static void register(Jdbi jdbi) {
        jdbi.registerArgument(new EpochMillis());
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            long millis = rs.getLong(column);
            return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        });
    }

    private static final class EpochMillis extends AbstractArgumentFactory<Instant> {
        EpochMillis() {
            super(Types.BIGINT);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setLong(position, value.toEpochMilli());
        }
    }
}
