package dev.authbridge.session;

import dev.authbridge.audit.AuditEvent;
import dev.authbridge.audit.AuditEventType;
import dev.authbridge.audit.AuditLog;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.token.StoredToken;
import dev.authbridge.token.TokenOwner;
import dev.authbridge.token.TokenService;
import dev.authbridge.web.ApiException;
import dev.authbridge.web.ApiResponse;
import dev.authbridge.web.Bearer;
import dev.authbridge.web.BearerAuth;
import dev.authbridge.web.Cookies;
import dev.authbridge.web.Cors;
import dev.authbridge.web.HttpServer;
import dev.authbridge.web.Json;
import dev.authbridge.web.RequestOrigins;
import dev.authbridge.web.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /ping} (the vendor clients' keep-alive: 200 when authenticated by a bearer token or
 * the sign-in page's browser session cookie, else 403) and {@code GET|POST /sign-out}.
 *
 * <p>Sign-out with a bearer token: {@code global=true} ends every token of the user, otherwise
 * the presented token's sign-in; a browser session cookie sent along ends too (with {@code
 * global}, every browser session of the user). Sign-out with the cookie alone — a browser sent
 * there by an application, which cannot add a bearer header to a navigation — ends the browser
 * session (all of the user's with {@code global}). A GET may redirect afterwards, but only to a
 * redirect URI registered for the token's client (with the cookie alone: for some client);
 * anything else is 400 and nothing is ended.
 */
public final class SessionRoutes implements Routes {
    private final BearerAuth auth;
    private final TokenService tokens;
    private final BrowserSessions sessions;
    private final Cookies cookies;
    private final AuthbridgeConfig config;
    private final AuditLog audit;

    public SessionRoutes(BearerAuth auth, TokenService tokens, BrowserSessions sessions, Cookies cookies,
            AuthbridgeConfig config, AuditLog audit) {
        this.auth = auth;
        this.tokens = tokens;
        this.sessions = sessions;
        this.cookies = cookies;
        this.config = config;
        this.audit = audit;
    }

    @Override
    public void mount(RoutesConfig routes) {
        routes.get(HttpServer.BASE_PATH + "/ping", this::ping);
        routes.get(HttpServer.BASE_PATH + "/sign-out", ctx -> signOut(ctx, true));
        routes.post(HttpServer.BASE_PATH + "/sign-out", ctx -> signOut(ctx, false));
    }

    private void ping(Context ctx) {
        if (auth.find(ctx).isEmpty() && browserSession(ctx).isEmpty()) {
            Cors.aboutNoUser(ctx);
            throw new ApiException(403, "Prohibited: not authenticated");
        }
        ok(ctx);
    }

    private void signOut(Context ctx, boolean mayRedirect) {
        boolean global = flag(ctx.queryParamMap().get("global"));
        String redirect = mayRedirect ? single(ctx.queryParamMap().get("redirectUri"), "redirectUri") : null;
        Optional<String> cookie = cookies.read(ctx, BrowserSessions.COOKIE);
        if (Bearer.token(ctx).isPresent() || cookie.isEmpty()) {
            StoredToken token = auth.require(ctx);
            if (redirect != null && !registeredFor(config.client(token.clientId()), redirect)) {
                throw ApiException.badRequest("redirectUri is not registered for this client");
            }
            tokens.signOut(token, global);
            if (global && token.owner().isUser()) {
                sessions.endAll(token.owner().subject());
            }
            signedOut(ctx, token.owner(), token.clientId(), global, "bearer");
        } else if (redirect != null && config.clients().stream().noneMatch(c -> c.allowsRedirect(redirect))) {
            throw ApiException.badRequest("redirectUri is not registered for any client");
        } else {
            Optional<BrowserSession> session = sessions.resume(cookie.get());
            session.ifPresent(s -> Cors.aboutTenant(ctx, s.owner().tenantId()));
            session.ifPresent(s -> signedOut(ctx, s.owner(), null, global, "session"));
            if (global) {
                session.ifPresent(s -> sessions.endAll(s.owner().subject()));
            }
        }
        cookie.ifPresent(id -> {
            sessions.end(id);
            cookies.clear(ctx, BrowserSessions.COOKIE, Cookies.SameSite.LAX);
        });
        if (redirect != null) {
            ctx.redirect(redirect, HttpStatus.FOUND);
        } else {
            ok(ctx);
        }
    }

    private void signedOut(Context ctx, TokenOwner owner, String clientId, boolean global, String by) {
        audit.record(AuditEvent.of(AuditEventType.SIGN_OUT, AuditEvent.Outcome.SUCCESS)
                .user(owner.userName()).tenant(owner.tenantId()).client(clientId).origin(RequestOrigins.of(ctx))
                .detail("global", global).detail("by", by).build());
    }

    /** The live browser session of the request's cookie; records its tenant for CORS. */
    private Optional<BrowserSession> browserSession(Context ctx) {
        Optional<BrowserSession> session = cookies.read(ctx, BrowserSessions.COOKIE).flatMap(sessions::resume);
        session.ifPresent(s -> Cors.aboutTenant(ctx, s.owner().tenantId()));
        return session;
    }

    private static boolean registeredFor(Optional<ClientConfig> client, String redirect) {
        return client.isPresent() && client.get().allowsRedirect(redirect);
    }

    private static boolean flag(List<String> values) {
        String v = single(values, "global");
        if (v == null || v.equalsIgnoreCase("false")) {
            return false;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiException.badRequest("global must be true or false");
    }

    private static String single(List<String> values, String name) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest("parameter '" + name + "' is repeated");
        }
        return values.get(0).isEmpty() ? null : values.get(0);
    }

    private static void ok(Context ctx) {
        ctx.contentType("application/json").result(Json.bytes(ApiResponse.ok(ctx.path(), Map.of())));
    }
}
