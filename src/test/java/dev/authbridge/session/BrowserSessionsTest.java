package dev.authbridge.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.config.SessionConfig;
import dev.authbridge.config.StoreConfig;
import dev.authbridge.store.Database;
import dev.authbridge.testing.MutableClock;
import dev.authbridge.token.TokenOwner;
import dev.authbridge.token.TokenService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BrowserSessions} on a real SQLite file: what is stored, lifetimes, purge. */
class BrowserSessionsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
    private static final TokenOwner AGENT = new TokenOwner("uuid-1", "uid=agent1,ou=people,dc=example,dc=com",
            "demo\\agent1", "f91397f1-6bf6-4fcd-8623-4c4efd81e152", null);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private Database db;
    private SqlBrowserSessionStore store;
    private BrowserSessions sessions;

    @BeforeEach
    void open() {
        db = Database.open(new StoreConfig(dir.resolve("store.db"), Duration.ofSeconds(5), Duration.ofMinutes(1)));
        store = new SqlBrowserSessionStore(db);
        sessions = new BrowserSessions(store, new SessionConfig(Duration.ofMinutes(30), Duration.ofHours(1)), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void startWhenUserSignedInThenHashStoredWithAuthTimeNow() {
        BrowserSessions.Started started = sessions.start(AGENT, "demo-client");
        assertTrue(started.id().matches("[A-Za-z0-9_-]{43}"));
        assertTrue(store.find(started.id()).isEmpty(), "the cookie value is not a key");
        BrowserSession stored = store.find(TokenService.hash(started.id())).orElseThrow();
        assertEquals(Instant.parse("2026-03-01T10:00:00.123Z"), stored.owner().authTime());
        assertEquals("demo\\agent1", stored.owner().userName());
        assertEquals(stored.owner().authTime().plus(Duration.ofMinutes(30)), stored.idleExpiresAt());
        assertEquals(stored.owner().authTime().plus(Duration.ofHours(1)), stored.expiresAt());
        assertNotEquals(started.id(), sessions.start(AGENT, "demo-client").id());
    }

    @Test
    void resumeWhenNearTheEndThenIdleDeadlineCappedAtAbsoluteEnd() {
        String id = sessions.start(AGENT, "demo-client").id();
        clock.advance(Duration.ofMinutes(25));
        sessions.resume(id).orElseThrow();
        clock.advance(Duration.ofMinutes(25));
        BrowserSession resumed = sessions.resume(id).orElseThrow();
        assertEquals(resumed.expiresAt(), resumed.idleExpiresAt(), "50 min + 30 min idle would pass the 1 h end");
        clock.advance(Duration.ofMinutes(10));
        assertTrue(sessions.resume(id).isEmpty());
        assertTrue(store.find(TokenService.hash(id)).isEmpty(), "an ended session is deleted when seen");
    }

    @Test
    void resumeWhenGarbageThenEmptyWithoutLookup() {
        assertTrue(sessions.resume(null).isEmpty());
        assertTrue(sessions.resume("").isEmpty());
        assertTrue(sessions.resume("x".repeat(10_000)).isEmpty());
    }

    @Test
    void purgeWhenSessionsEndedThenOnlyThoseDeleted() {
        String idle = sessions.start(AGENT, "demo-client").id();
        clock.advance(Duration.ofMinutes(20));
        String active = sessions.start(AGENT, "demo-client").id();
        clock.advance(Duration.ofMinutes(15)); // idle: 35 min unused; active: 15 min
        assertEquals(1, sessions.purgeExpired());
        assertTrue(store.find(TokenService.hash(idle)).isEmpty());
        assertTrue(sessions.resume(active).isPresent());
    }

    @Test
    void endAllWhenUserHasSessionsThenEveryOneOfThemEnds() {
        String first = sessions.start(AGENT, "demo-client").id();
        String second = sessions.start(AGENT, "demo-client").id();
        String other = sessions.start(new TokenOwner("uuid-2", "uid=agent2,ou=people,dc=example,dc=com",
                "demo\\agent2", null, null), "demo-client").id();
        sessions.endAll("uuid-1");
        assertTrue(sessions.resume(first).isEmpty());
        assertTrue(sessions.resume(second).isEmpty());
        assertTrue(sessions.resume(other).isPresent());
    }

    @Test
    void signedInToWhenSingleSignOnAnswersClientsThenEachRecordedOnce() {
        String id = sessions.start(AGENT, "demo-client").id();
        assertEquals(Set.of("demo-client"), sessions.resume(id).orElseThrow().clients());
        sessions.signedInTo(sessions.resume(id).orElseThrow(), "webapp");
        sessions.signedInTo(sessions.resume(id).orElseThrow(), "webapp");
        store.addClient(TokenService.hash(id), "demo-client");
        sessions.signedInTo(sessions.resume(id).orElseThrow(), "client \"with\" [json] chars");
        BrowserSession session = sessions.resume(id).orElseThrow();
        assertEquals(Set.of("demo-client", "webapp", "client \"with\" [json] chars"), session.clients());
        assertEquals(3, (int) db.<Integer>call("count", h -> h.createQuery(
                "SELECT COUNT(*) FROM browser_session_clients WHERE session_hash = ?").bind(0, session.hash()).mapTo(Integer.class).one()), "each client once");
    }
}
