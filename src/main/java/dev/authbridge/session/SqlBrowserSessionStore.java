package dev.authbridge.session;

import dev.authbridge.store.Columns;
import dev.authbridge.store.Database;
import dev.authbridge.token.TokenOwnerColumns;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The {@link BrowserSessionStore} in the {@link Database} (tables {@code browser_sessions} and
 * {@code browser_session_clients}), one SQL for every engine. Each change is one statement on
 * rows named by hash or subject: a touch after a delete changes nothing, so an ended session never
 * comes back, and a session's clients go with it (foreign key, cascading delete).
 */
public final class SqlBrowserSessionStore implements BrowserSessionStore {
    private static final String COLUMNS =
            "hash, subject, user_dn, user_name, tenant_id, auth_time, idle_expires_at, expires_at";

    private final Database db;

    public SqlBrowserSessionStore(Database db) {
        this.db = db;
    }

    @Override
    public void save(BrowserSession s) {
        db.write("saveSession", h -> {
            h.createUpdate("INSERT INTO browser_sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .bind(0, s.hash()).bind(1, s.owner().subject()).bind(2, s.owner().userDn())
                    .bind(3, s.owner().userName()).bind(4, s.owner().tenantId()).bind(5, s.owner().authTime())
                    .bind(6, s.idleExpiresAt()).bind(7, s.expiresAt())
                    .execute();
            for (String client : s.clients()) {
                insertClient(h, s.hash(), client);
            }
            return null;
        });
    }

    @Override
    public Optional<BrowserSession> find(String hash) {
        return db.call("findSession", h -> h.createQuery("SELECT " + COLUMNS + " FROM browser_sessions WHERE hash = ?")
                .bind(0, hash)
                .map((rs, ctx) -> new BrowserSession(
                        rs.getString("hash"),
                        TokenOwnerColumns.read(rs),
                        Set.of(),
                        Columns.instant(rs, "idle_expires_at"),
                        Columns.instant(rs, "expires_at")))
                .findOne()
                .map(s -> new BrowserSession(s.hash(), s.owner(), clients(h, hash), s.idleExpiresAt(), s.expiresAt())));
    }

    @Override
    public boolean touch(String hash, Instant idleExpiresAt) {
        return db.update("touchSession", "UPDATE browser_sessions SET idle_expires_at = ? WHERE hash = ?",
                idleExpiresAt, hash) == 1;
    }

    /** One statement, so two single sign-ons at once cannot lose one another's client. */
    @Override
    public void addClient(String hash, String clientId) {
        db.write("addSessionClient", h -> insertClient(h, hash, clientId));
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

    /** Adds the client only while the session exists; a client already recorded stays once. */
    private static int insertClient(Handle h, String hash, String clientId) {
        return h.createUpdate("INSERT INTO browser_session_clients (session_hash, client_id) "
                        + "SELECT hash, ? FROM browser_sessions WHERE hash = ? "
                        + "ON CONFLICT (session_hash, client_id) DO NOTHING")
                .bind(0, clientId).bind(1, hash)
                .execute();
    }

    private static Set<String> clients(Handle h, String hash) {
        return new HashSet<>(h.createQuery("SELECT client_id FROM browser_session_clients WHERE session_hash = ?")
                .bind(0, hash)
                .mapTo(String.class)
                .list());
    }
}
