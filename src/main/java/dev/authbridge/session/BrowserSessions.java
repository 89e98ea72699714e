package dev.authbridge.session;

import dev.authbridge.config.SessionConfig;
import dev.authbridge.token.TokenOwner;
import dev.authbridge.token.TokenService;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Browser sessions for single sign-on: started when a password is typed on the sign-in page (or
 * sent as Basic to {@code /oauth/authorize}), resumed by the cookie on later
 * {@code /oauth/authorize} requests and {@code /ping}, ended by {@code /sign-out}, by idleness or
 * by their absolute lifetime, whichever comes first.
 *
 * <p>Invariants: the cookie value is an {@link OpaqueIds} value never stored (only its SHA-256);
 * a sign-in always starts a new session (no fixation: a value planted before the sign-in is
 * never promoted); the idle deadline never passes the absolute one.
 */
public final class BrowserSessions {
    /** Cookie name; prefixed {@code __Host-} when served over TLS. */
    public static final String COOKIE = "authbridge_session";

    private final BrowserSessionStore store;
    private final SessionConfig config;
    private final Clock clock;

    public BrowserSessions(BrowserSessionStore store, SessionConfig config, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A session just started: {@code id} goes into the cookie and nowhere else. */
    public record Started(String id, BrowserSession session) {}

    /** Starts a session for a user who has just proved their password to sign in to {@code clientId}. */
    public Started start(TokenOwner user, String clientId) {
        Instant now = now();
        Instant expires = now.plus(config.maxLifetime());
        TokenOwner owner = new TokenOwner(user.subject(), user.userDn(), user.userName(), user.tenantId(), now);
        String id = OpaqueIds.next();
        BrowserSession session = new BrowserSession(TokenService.hash(id), owner, Set.of(clientId),
                idleDeadline(now, expires), expires);
        store.save(session);
        return new Started(id, session);
    }

    /**
     * The live session behind a cookie value, its idle deadline moved forward; empty when the
     * value is missing, unknown or the session has ended (an ended one is deleted on the way).
     */
    public Optional<BrowserSession> resume(String id) {
        if (!OpaqueIds.plausible(id)) {
            return Optional.empty();
        }
        Optional<BrowserSession> found = store.find(TokenService.hash(id));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        BrowserSession session = found.get();
        Instant now = now();
        if (!session.isLive(now)) {
            store.delete(session.hash());
            return Optional.empty();
        }
        Instant idle = idleDeadline(now, session.expiresAt());
        if (!store.touch(session.hash(), idle)) {
            return Optional.empty(); // ended concurrently (a sign-out in another tab)
        }
        return Optional.of(new BrowserSession(session.hash(), session.owner(), session.clients(), idle,
                session.expiresAt()));
    }

    /** Records that single sign-on answered {@code clientId} from this session. */
    public void signedInTo(BrowserSession session, String clientId) {
        if (!session.clients().contains(clientId)) {
            store.addClient(session.hash(), clientId);
        }
    }

    /** Ends the session behind a cookie value, if there is one. */
    public void end(String id) {
        if (OpaqueIds.plausible(id)) {
            store.delete(TokenService.hash(id));
        }
    }

    /** Ends a session found before. */
    public void end(BrowserSession session) {
        store.delete(session.hash());
    }

    /** Ends every browser session of a user (global sign-out). */
    public void endAll(String subject) {
        store.deleteSubject(subject);
    }

    /** Deletes ended sessions; returns how many. */
    public int purgeExpired() {
        return store.purgeExpired(now());
    }

    private Instant idleDeadline(Instant now, Instant expires) {
        Instant idle = now.plus(config.idleTimeout());
        return idle.isAfter(expires) ? expires : idle;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
