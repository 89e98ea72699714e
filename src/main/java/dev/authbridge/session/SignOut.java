package dev.authbridge.session;

import dev.authbridge.audit.AuditEvent;
import dev.authbridge.audit.AuditEventType;
import dev.authbridge.audit.AuditLog;
import dev.authbridge.audit.Origin;
import dev.authbridge.client.ClientRegistry;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.jwt.IdTokenHints;
import dev.authbridge.token.StoredToken;
import dev.authbridge.token.TokenOwner;
import dev.authbridge.token.TokenService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code /sign-out} ends, and where it may send the browser afterwards.
 *
 * <p>With a bearer token (the vendor's API, {@link #byToken}): the token's sign-in, or with
 * {@code global} every token and browser session of the user; a session cookie sent along ends
 * too. The token proves the caller meant it: no other site can add it to a request.
 *
 * <p>With the browser session cookie alone ({@link #byBrowser}) — a browser sent here by an
 * application, which cannot add a bearer header to a navigation — the cookie proves nothing:
 * a cross-site link carries it too (it is {@code SameSite=Lax}). The session ends only when
 * intent is proven: by an {@code id_token_hint} (OpenID Connect RP-Initiated Logout 1.0) for
 * this session's user and sign-in, or by the user confirming on authbridge's page (whose form
 * carries a CSRF token bound to the session cookie). Otherwise the answer is {@link
 * Outcome.Confirm}.
 *
 * <p>Redirects go only to a URI registered for the client the sign-out belongs to: the token's,
 * the hint's, or one the session signed in to (never "some client"). An unregistered one is
 * refused and nothing is ended; with neither session nor hint there is no client, and no
 * redirect.
 */
public final class SignOut {
    private final TokenService tokens;
    private final BrowserSessions sessions;
    private final IdTokenHints hints;
    private final ClientRegistry clients;
    private final AuditLog audit;

    public SignOut(TokenService tokens, BrowserSessions sessions, IdTokenHints hints, ClientRegistry clients,
            AuditLog audit) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.hints = Objects.requireNonNull(hints, "hints");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** Why a sign-out was refused (nothing was ended). */
    public enum Refusal {
        REDIRECT_NOT_REGISTERED("redirectUri is not registered for this application"),
        INVALID_HINT("id_token_hint is not an id token issued here"),
        CLIENT_MISMATCH("client_id is not the client of the id_token_hint");

        private final String message;

        Refusal(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    /** The answer to a sign-out. */
    public sealed interface Outcome {
        /** Done; {@code location} (null: none) is where to send the browser, {@code state} included. */
        record SignedOut(String location, boolean global) implements Outcome {}

        /** Intent not proven: ask the user, then redirect to {@code location} (null: none). */
        record Confirm(BrowserSession session, String location) implements Outcome {}

        /** Nothing was ended. */
        record Refused(Refusal refusal) implements Outcome {}
    }

    /**
     * The vendor's sign-out by bearer token.
     *
     * @param session the live session of a cookie sent along, if any
     * @param mayRedirect whether the request may redirect ({@code GET})
     */
    public Outcome byToken(StoredToken token, Optional<BrowserSession> session, SignOutRequest r, boolean mayRedirect,
            Origin origin) {
        String location = null;
        if (mayRedirect && r.redirectUri() != null) {
            if (!registered(Set.of(token.clientId()), r.redirectUri())) {
                return new Outcome.Refused(Refusal.REDIRECT_NOT_REGISTERED);
            }
            location = withState(r.redirectUri(), r.state());
        }
        tokens.signOut(token, r.global());
        if (r.global() && token.owner().isUser()) {
            sessions.endAll(token.owner().subject());
        }
        session.ifPresent(sessions::end);
        audited(token.owner(), token.clientId(), r.global(), "bearer", origin);
        return new Outcome.SignedOut(location, r.global());
    }

    /**
     * A sign-out by the browser's session cookie alone.
     *
     * @param session the cookie's live session, if any
     * @param confirmed whether the user confirmed on authbridge's page (its CSRF token was valid)
     */
    public Outcome byBrowser(Optional<BrowserSession> session, SignOutRequest r, boolean confirmed, Origin origin) {
        Optional<IdTokenHints.Hint> hint = Optional.empty();
        if (r.idTokenHint() != null) {
            hint = hints.verify(r.idTokenHint());
            if (hint.isEmpty()) {
                return new Outcome.Refused(Refusal.INVALID_HINT);
            }
            if (r.clientId() != null && !r.clientId().equals(hint.get().clientId())) {
                return new Outcome.Refused(Refusal.CLIENT_MISMATCH);
            }
        }
        Set<String> owners = hint.map(h -> Set.of(h.clientId()))
                .orElseGet(() -> session.map(BrowserSession::clients).orElse(Set.of()));
        if (hint.isEmpty() && r.clientId() != null) {
            owners = owners.contains(r.clientId()) ? Set.of(r.clientId()) : Set.of();
        }
        String location = null;
        if (r.redirectUri() != null && (hint.isPresent() || session.isPresent())) {
            if (!registered(owners, r.redirectUri())) {
                return new Outcome.Refused(Refusal.REDIRECT_NOT_REGISTERED);
            }
            location = withState(r.redirectUri(), r.state());
        }
        if (session.isEmpty()) {
            return new Outcome.SignedOut(location, r.global()); // nothing to end
        }
        BrowserSession s = session.get();
        boolean hinted = hint.isPresent() && isFor(hint.get(), s);
        if (!confirmed && !hinted) {
            return new Outcome.Confirm(s, location);
        }
        if (r.global()) {
            sessions.endAll(s.owner().subject());
        }
        sessions.end(s);
        audited(s.owner(), hint.map(IdTokenHints.Hint::clientId).orElse(null), r.global(),
                hinted ? "id_token_hint" : "session", origin);
        return new Outcome.SignedOut(location, r.global());
    }

    /** The hint stands for this session: its user, and the sign-in the session started with. */
    private static boolean isFor(IdTokenHints.Hint hint, BrowserSession session) {
        return hint.subject().equals(session.owner().subject()) && hint.authTime() != null
                && hint.authTime().getEpochSecond() == session.owner().authTime().getEpochSecond();
    }

    private boolean registered(Set<String> clientIds, String redirect) {
        return clientIds.stream().map(clients::client).flatMap(Optional::stream)
                .anyMatch((ClientConfig c) -> c.allowsRedirect(redirect));
    }

    /** RP-Initiated Logout §3: the RP's {@code state} comes back with the redirect. */
    private static String withState(String redirect, String state) {
        if (state == null) {
            return redirect;
        }
        return redirect + (redirect.contains("?") ? "&" : "?") + "state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8);
    }

    private void audited(TokenOwner owner, String clientId, boolean global, String by, Origin origin) {
        audit.record(AuditEvent.of(AuditEventType.SIGN_OUT, AuditEvent.Outcome.SUCCESS)
                .user(owner.userName()).tenant(owner.tenantId()).client(clientId).origin(origin)
                .detail("global", global).detail("by", by).build());
    }
}
