package dev.authbridge.session;

import dev.authbridge.store.Columns;
import dev.authbridge.store.Database;
import dev.authbridge.token.TokenOwnerColumns;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The {@link BrowserSessionStore} in the {@link Database} (table {@code browser_sessions}), one
 * SQL for every engine. Each operation is one statement on rows named by hash or subject: a touch
 * after a delete changes nothing, so an ended session never comes back.
 */
public final class SqlBrowserSessionStore implements BrowserSessionStore {
    private static final String COLUMNS =
            "hash, subject, user_dn, user_name, tenant_id, auth_time, idle_expires_at, expires_at";
    private static final RowMapper<BrowserSession> ROW = (rs, ctx) -> new BrowserSession(
            rs.getString("hash"),
            TokenOwnerColumns.read(rs),
            Columns.instant(rs, "idle_expires_at"),
            Columns.instant(rs, "expires_at"));

    private final Database db;

    public SqlBrowserSessionStore(Database db) {
        this.db = db;
    }

    @Override
    public void save(BrowserSession s) {
        db.update("saveSession", "INSERT INTO browser_sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                s.hash(), s.owner().subject(), s.owner().userDn(), s.owner().userName(), s.owner().tenantId(),
                s.owner().authTime(), s.idleExpiresAt(), s.expiresAt());
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
                idleExpiresAt, hash) == 1;
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
        return db.update("purgeSessions", "DELETE FROM browser_sessions WHERE idle_expires_at < ?", before);
    }
}
