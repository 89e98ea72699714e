package dev.authbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Plain JDBC for the few statements every request runs (a token looked up or saved, a lockout
 * read), through {@link Database#query} and {@link Database#execute}: JDBI's own work per call —
 * a handle, each argument's factory looked up by its type — was a quarter of a token lookup's
 * CPU and a third of a token insert's (profiled, issue 14). The statements are prepared by the
 * {@link Dialect} (SQLite's from its cache), and arguments are bound as JDBI binds them: an
 * {@link Instant} as epoch milliseconds ({@link Columns}), null as an untyped SQL NULL.
 */
final class Jdbc {

    private Jdbc() {}

    static <T> T query(Dialect dialect, Connection c, String sql, Database.Rows<T> rows, Object[] args)
            throws SQLException {
        PreparedStatement statement = dialect.prepare(c, sql);
        boolean reusable = false;
        try {
            bind(statement, args);
            T result;
            try (ResultSet rs = statement.executeQuery()) {
                result = rows.read(rs);
            }
            reusable = true;
            return result;
        } finally {
            dialect.release(c, sql, statement, reusable);
        }
    }

    static int update(Dialect dialect, Connection c, String sql, Object[] args) throws SQLException {
        PreparedStatement statement = dialect.prepare(c, sql);
        boolean reusable = false;
        try {
            bind(statement, args);
            int changed = statement.executeUpdate();
            reusable = true;
            return changed;
        } finally {
            dialect.release(c, sql, statement, reusable);
        }
    }

    private static void bind(PreparedStatement statement, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            int position = i + 1;
            Object arg = args[i];
            if (arg == null) {
                statement.setNull(position, Types.OTHER);
            } else if (arg instanceof String s) {
                statement.setString(position, s);
            } else if (arg instanceof Instant instant) {
                statement.setLong(position, instant.toEpochMilli());
            } else if (arg instanceof Long l) {
                statement.setLong(position, l);
            } else if (arg instanceof Integer n) {
                statement.setInt(position, n);
            } else if (arg instanceof Boolean b) {
                statement.setBoolean(position, b);
            } else {
                throw new IllegalArgumentException("no binding for a " + arg.getClass().getSimpleName());
            }
        }
    }
}
