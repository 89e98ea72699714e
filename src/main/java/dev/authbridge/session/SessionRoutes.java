package dev.authbridge.session;

import dev.authbridge.api.Json;
import dev.authbridge.api.PublicUrl;
import dev.authbridge.token.StoredToken;
import dev.authbridge.web.ApiException;
import dev.authbridge.web.ApiResponse;
import dev.authbridge.web.Bearer;
import dev.authbridge.web.BearerAuth;
import dev.authbridge.web.Cookies;
import dev.authbridge.web.Cors;
import dev.authbridge.web.Csrf;
import dev.authbridge.web.PageException;
import dev.authbridge.web.Pages;
import dev.authbridge.web.RequestOrigins;
import dev.authbridge.web.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /ping} (the vendor clients' keep-alive: 200 when authenticated by a bearer token or
 * the browser session cookie of a sign-in, else 403) and {@code GET|POST /sign-out} ({@link
 * SignOut} decides).
 *
 * <p>A request with a bearer token, or with neither token, session cookie nor {@code
 * id_token_hint}, is the vendor's API: JSON, 401 without a valid token. Anything else is a
 * browser: HTML pages, the confirmation form posting back to {@code POST /sign-out}, and
 * redirects (302 after a GET, 303 after the form's POST).
 */
public final class SessionRoutes implements Routes {
    private final BearerAuth auth;
    private final BrowserSessions sessions;
    private final Cookies cookies;
    private final SignOut signOut;
    private final SignOutPage page;

    public SessionRoutes(BearerAuth auth, BrowserSessions sessions, Cookies cookies, SignOut signOut, Csrf csrf,
            PublicUrl publicUrl) {
        this.auth = auth;
        this.sessions = sessions;
        this.cookies = cookies;
        this.signOut = signOut;
        this.page = new SignOutPage(csrf, publicUrl);
    }

    @Override
    public void mount(RoutesConfig routes) {
        routes.get(PublicUrl.BASE_PATH + "/ping", this::ping);
        routes.get(PublicUrl.BASE_PATH + "/sign-out", ctx -> signOut(ctx, true));
        routes.post(PublicUrl.BASE_PATH + "/sign-out", ctx -> signOut(ctx, false));
    }

    private void ping(Context ctx) {
        if (auth.find(ctx).isEmpty() && browserSession(ctx).isEmpty()) {
            Cors.aboutNoUser(ctx);
            throw new ApiException(403, "Prohibited: not authenticated");
        }
        ok(ctx);
    }

    private void signOut(Context ctx, boolean get) {
        Optional<String> cookie = cookies.read(ctx, BrowserSessions.COOKIE);
        boolean hinted = get && ctx.queryParam("id_token_hint") != null;
        if (Bearer.token(ctx).isPresent() || (cookie.isEmpty() && !hinted)) {
            byToken(ctx, cookie, get);
        } else {
            byBrowser(ctx, cookie, get);
        }
    }

    private void byToken(Context ctx, Optional<String> cookie, boolean get) {
        SignOutRequest r = SignOutRequest.parse(ctx.queryParamMap(), ApiException::badRequest);
        StoredToken token = auth.require(ctx);
        SignOut.Outcome outcome = signOut.byToken(token, cookie.flatMap(sessions::resume), r, get,
                RequestOrigins.of(ctx));
        if (outcome instanceof SignOut.Outcome.Refused refused) {
            throw ApiException.badRequest(refused.refusal().message());
        }
        String location = ((SignOut.Outcome.SignedOut) outcome).location();
        cookie.ifPresent(c -> clearCookie(ctx));
        if (location != null) {
            Pages.redirect(ctx, location, 302);
        } else {
            ok(ctx);
        }
    }

    private void byBrowser(Context ctx, Optional<String> cookie, boolean get) {
        Pages.mark(ctx);
        SignOutRequest r = SignOutRequest.parse(ctx.queryParamMap(), message -> new PageException(400, message));
        Optional<BrowserSession> session = cookie.flatMap(sessions::resume);
        boolean confirmed = !get && session.isPresent() && page.confirmed(ctx, cookie.get(), r);
        SignOut.Outcome outcome = signOut.byBrowser(session, r, confirmed, RequestOrigins.of(ctx));
        if (outcome instanceof SignOut.Outcome.Refused refused) {
            throw new PageException(400, refused.refusal().message());
        }
        if (outcome instanceof SignOut.Outcome.Confirm confirm) {
            page.confirm(ctx, get ? 200 : 403, get ? null : SignOutPage.FORM_EXPIRED, confirm, cookie.get(), r);
            return;
        }
        SignOut.Outcome.SignedOut done = (SignOut.Outcome.SignedOut) outcome;
        cookie.ifPresent(c -> clearCookie(ctx));
        if (done.location() != null) {
            Pages.redirect(ctx, done.location(), get ? 302 : 303);
        } else {
            page.signedOut(ctx, done.global());
        }
    }

    private void clearCookie(Context ctx) {
        cookies.clear(ctx, BrowserSessions.COOKIE, Cookies.SameSite.LAX);
    }

    /** The live browser session of the request's cookie; records its tenant for CORS. */
    private Optional<BrowserSession> browserSession(Context ctx) {
        Optional<BrowserSession> session = cookies.read(ctx, BrowserSessions.COOKIE).flatMap(sessions::resume);
        session.ifPresent(s -> Cors.aboutTenant(ctx, s.owner().tenantId()));
        return session;
    }

    private static void ok(Context ctx) {
        ctx.contentType("application/json").result(Json.bytes(ApiResponse.ok(ctx.path(), Map.of())));
    }
}
