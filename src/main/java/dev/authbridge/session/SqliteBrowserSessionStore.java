package dev.authbridge.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authbridge.store.Database;
import dev.authbridge.token.TokenOwner;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.mapper.RowMapper;

/** The {@link BrowserSessionStore} in the shared SQLite {@link Database}. */
public final class SqliteBrowserSessionStore implements BrowserSessionStore {
    private static final String COLUMNS =
            "hash, subject, user_dn, user_name, tenant_id, auth_time, idle_expires_at, expires_at, clients";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RowMapper<BrowserSession> ROW = (rs, ctx) -> new BrowserSession(
            rs.getString("hash"),
            new TokenOwner(rs.getString("subject"), rs.getString("user_dn"), rs.getString("user_name"),
                    rs.getString("tenant_id"), instant(rs, "auth_time")),
            clients(rs.getString("clients")),
            instant(rs, "idle_expires_at"),
            instant(rs, "expires_at"));

    private final Database db;

    public SqliteBrowserSessionStore(Database db) {
        this.db = db;
    }

    @Override
    public void save(BrowserSession s) {
        db.update("saveSession", "INSERT INTO browser_sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.hash(), s.owner().subject(), s.owner().userDn(), s.owner().userName(), s.owner().tenantId(),
                s.owner().authTime().toEpochMilli(), s.idleExpiresAt().toEpochMilli(), s.expiresAt().toEpochMilli(),
                json(s.clients()));
    }

    @Override
    public Optional<BrowserSession> find(String hash) {
        return db.call("findSession", h -> h.createQuery("SELECT " + COLUMNS + " FROM browser_sessions WHERE hash = ?")
                .bind(0, hash)
                .map(ROW)
                .findOne());
    }

    @Override
    public boolean touch(String hash, Instant idleExpiresAt) {
        return db.update("touchSession", "UPDATE browser_sessions SET idle_expires_at = ? WHERE hash = ?",
                idleExpiresAt.toEpochMilli(), hash) == 1;
    }

    /** One statement, so two single sign-ons at once cannot lose one another's client. */
    @Override
    public void addClient(String hash, String clientId) {
        db.update("addSessionClient", "UPDATE browser_sessions SET clients = json_insert(clients, '$[#]', ?) "
                + "WHERE hash = ? AND NOT EXISTS (SELECT 1 FROM json_each(browser_sessions.clients) WHERE value = ?)",
                clientId, hash, clientId);
    }

    @Override
    public int delete(String hash) {
        return db.update("deleteSession", "DELETE FROM browser_sessions WHERE hash = ?", hash);
    }

    @Override
    public int deleteSubject(String subject) {
        return db.update("deleteSessionsOfSubject", "DELETE FROM browser_sessions WHERE subject = ?", subject);
    }

    /** The idle deadline is never after the absolute one, so it alone decides. */
    @Override
    public int purgeExpired(Instant before) {
        return db.update("purgeSessions", "DELETE FROM browser_sessions WHERE idle_expires_at < ?",
                before.toEpochMilli());
    }

    private static String json(Set<String> clients) {
        try {
            return JSON.writeValueAsString(clients);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a set of strings is always JSON", e);
        }
    }

    private static Set<String> clients(String json) throws SQLException {
        try {
            return Set.of(JSON.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new SQLException("browser_sessions.clients is not a JSON array of strings", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
