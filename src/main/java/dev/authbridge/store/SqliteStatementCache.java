package dev.authbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;
import org.sqlite.SQLiteConnection;

/**
 * Keeps SQLite's prepared statements per connection, the {@value #PER_CONNECTION} used last:
 * sqlite-jdbc compiles the SQL on every {@code prepareStatement} (profiled: about half of a token
 * lookup), and HikariCP closes every statement when a connection goes back to the pool. Each
 * store runs a handful of fixed SQL texts, so nearly every statement is found here.
 *
 * <p>Invariants: statements are prepared on the pooled connection's own SQLite connection (not
 * HikariCP's proxy, which would close them at check-in) and belong to it: a connection serves one
 * handle at a time, so a cached statement is never shared; a statement is lent out of the cache
 * while it runs, so a second use of the same SQL at once prepares its own. A cached statement has
 * no open result set (sqlite-jdbc resets it when JDBI closes the result) and no bound parameter.
 * They die with their connection: closing a SQLite connection finalizes its statements, and the
 * cache forgets closed connections. Statements JDBI asks with generated keys or updatable results
 * are not cached. PostgreSQL needs none of this: pgjdbc keeps its own server-side statements.
 */
final class SqliteStatementCache implements StatementBuilderFactory {
    static final int PER_CONNECTION = 64;

    private final Map<Connection, Statements> byConnection = new ConcurrentHashMap<>();
    private final LongAdder prepared = new LongAdder();

    @Override
    public StatementBuilder createStatementBuilder(Connection conn) {
        Connection sqlite;
        try {
            if (!conn.isWrapperFor(SQLiteConnection.class)) {
                return new DefaultStatementBuilder();
            }
            sqlite = conn.unwrap(SQLiteConnection.class);
        } catch (SQLException e) {
            return new DefaultStatementBuilder();
        }
        return new Builder(sqlite, statementsOf(sqlite), prepared);
    }

    /** For {@link Jdbc}: lends {@code sql} prepared on the SQLite connection under the pooled {@code conn}. */
    PreparedStatement take(Connection conn, String sql) throws SQLException {
        Connection sqlite = conn.unwrap(SQLiteConnection.class);
        PreparedStatement statement = statementsOf(sqlite).take(sql);
        if (statement == null || statement.isClosed()) {
            statement = sqlite.prepareStatement(sql);
            prepared.increment();
        }
        return statement;
    }

    /** For {@link Jdbc}: takes back a statement of {@link #take}, closing it unless {@code reusable}. */
    void give(Connection conn, String sql, PreparedStatement statement, boolean reusable) throws SQLException {
        if (!reusable || statement.isClosed()) {
            closeQuietly(statement);
            return;
        }
        try {
            statement.clearParameters();
        } catch (SQLException e) {
            closeQuietly(statement);
            throw e;
        }
        statementsOf(conn.unwrap(SQLiteConnection.class)).give(sql, statement);
    }

    private Statements statementsOf(Connection sqlite) {
        Statements statements = byConnection.get(sqlite);
        if (statements == null) {
            forgetClosedConnections();
            statements = byConnection.computeIfAbsent(sqlite, c -> new Statements());
        }
        return statements;
    }

    /** How many connections have statements here (for tests). */
    int connections() {
        return byConnection.size();
    }

    /** How many statements were prepared since the store opened (for tests). */
    long prepared() {
        return prepared.sum();
    }

    /** A new connection may replace one the pool retired: drop the statements of closed ones. */
    private void forgetClosedConnections() {
        byConnection.keySet().removeIf(c -> {
            try {
                return c.isClosed();
            } catch (SQLException e) {
                return true;
            }
        });
    }

    /** One connection's statements, the least recently used evicted (and closed) first. */
    private static final class Statements {
        private final LinkedHashMap<String, PreparedStatement> bySql = new LinkedHashMap<>(PER_CONNECTION, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() <= PER_CONNECTION) {
                    return false;
                }
                closeQuietly(eldest.getValue());
                return true;
            }
        };

        synchronized PreparedStatement take(String sql) {
            return bySql.remove(sql);
        }

        synchronized void give(String sql, PreparedStatement statement) {
            PreparedStatement kept = bySql.putIfAbsent(sql, statement);
            if (kept != null) {
                closeQuietly(statement);
            }
        }
    }

    /** The statement builder of one JDBI handle: lends out of the connection's statements and takes them back. */
    private static final class Builder extends DefaultStatementBuilder {
        private final Connection sqlite;
        private final Statements statements;
        private final LongAdder prepared;
        private final Map<Statement, String> lent = new IdentityHashMap<>();

        Builder(Connection sqlite, Statements statements, LongAdder prepared) {
            this.sqlite = sqlite;
            this.statements = statements;
            this.prepared = prepared;
        }

        @Override
        public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
            if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
                return super.create(conn, sql, ctx);
            }
            PreparedStatement statement = statements.take(sql);
            if (statement == null || statement.isClosed()) {
                statement = sqlite.prepareStatement(sql);
                prepared.increment();
            }
            lent.put(statement, sql);
            return statement;
        }

        @Override
        public void close(Connection conn, String sql, Statement statement) throws SQLException {
            String cachedAs = lent.remove(statement);
            if (cachedAs == null || statement.isClosed()) {
                statement.close();
                return;
            }
            try {
                ((PreparedStatement) statement).clearParameters();
            } catch (SQLException e) {
                statement.close();
                throw e;
            }
            statements.give(cachedAs, (PreparedStatement) statement);
        }

        /** The handle ends: a statement JDBI did not give back is closed, not cached. */
        @Override
        public void close(Connection conn) {
            lent.keySet().forEach(SqliteStatementCache::closeQuietly);
            lent.clear();
        }
    }

    private static void closeQuietly(Statement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // Its connection is gone or going; SQLite finalizes what is left when it closes.
        }
    }
}
