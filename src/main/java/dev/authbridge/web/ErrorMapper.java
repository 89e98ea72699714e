package dev.authbridge.web;

import dev.authbridge.audit.AuditUnavailableException;
import dev.authbridge.authorize.AuthorizeErrorException;
import dev.authbridge.directory.DirectoryUnavailableException;
import dev.authbridge.lockout.LockedOutException;
import dev.authbridge.oauth.OAuthException;
import dev.authbridge.store.StoreUnavailableException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become responses: {@link OAuthException} as RFC 6749 §5.2,
 * everything else as the {@link ApiResponse} envelope — except on the browser sign-in's pages
 * ({@link Pages#isPage}), where failures are the HTML error page and an {@link
 * AuthorizeErrorException} is a redirect to the client's validated redirect URI. It never throws
 * and never shows a stack trace; unexpected exceptions are logged (without request data) and
 * answered 500. The bytes of each shape come from {@link ErrorBody}, which also renders what is
 * refused before any route runs ({@link JettyErrors}, {@link FrontDoor}).
 */
public final class ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {}

    static void register(RoutesConfig routes) {
        routes.exception(OAuthException.class, (e, ctx) -> oauth(ctx, e));
        routes.exception(PageException.class, (e, ctx) -> page(ctx, e.status(), e.getMessage(), e.challenge()));
        // After the sign-in form's POST: 303, so the browser follows with a GET (RFC 9700 §4.12).
        routes.exception(AuthorizeErrorException.class, (e, ctx) -> Pages.redirect(ctx, e.location(),
                ctx.method() == HandlerType.POST ? 303 : 302));
        routes.exception(ApiException.class, (e, ctx) -> api(ctx, e.status(), e.getMessage(), e.detail(), e.errors()));
        routes.exception(DirectoryUnavailableException.class, (e, ctx) -> {
            log.warn("directory unavailable: {}", e.getMessage());
            unavailable(ctx, "DIRECTORY_UNAVAILABLE");
        });
        routes.exception(StoreUnavailableException.class, (e, ctx) -> {
            log.error("token store unavailable: {}", e.getMessage());
            unavailable(ctx, "STORE_UNAVAILABLE");
        });
        routes.exception(AuditUnavailableException.class, (e, ctx) -> {
            log.error("audit log unavailable, token withheld: {}", e.getMessage());
            unavailable(ctx, "AUDIT_UNAVAILABLE");
        });
        routes.exception(LockedOutException.class, (e, ctx) -> {
            // Where a route did not answer a lockout in its own shape: 429, generic.
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            api(ctx, 429, "Too many failed sign-ins: try again later", Map.of("reason", "LOCKED_OUT"), List.of());
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> http(ctx, e.getStatus()));
        // What the front door did not catch first: a client's mistake, one line, no trace.
        routes.exception(HttpException.RuntimeException.class, (e, ctx) -> clientMistake(ctx, e.getCode(), e));
        routes.exception(IllegalCharsetNameException.class, (e, ctx) -> clientMistake(ctx, 400, e));
        routes.exception(UnsupportedCharsetException.class, (e, ctx) -> clientMistake(ctx, 400, e));
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            if (Pages.isPage(ctx)) {
                page(ctx, 500, "Something went wrong on our side. Please try again.", null);
                return;
            }
            api(ctx, 500, "Internal error", Map.of(), List.of());
        });
        routes.error(404, ctx -> {
            if (ctx.result() == null) {
                http(ctx, 404);
            }
        });
        routes.error(405, ctx -> http(ctx, 405));
        routes.error(413, ctx -> http(ctx, 413));
    }

    private static void clientMistake(Context ctx, int status, Exception e) {
        int code = status >= 400 && status < 500 ? status : 400;
        log.info("refused {} {}: {} {}", ctx.method(), ErrorBody.shortened(ctx.path()), code, e.getClass().getSimpleName());
        if (Pages.isPage(ctx)) {
            page(ctx, code, "The browser sent a request that cannot be answered. Please go back and try again.", null);
            return;
        }
        api(ctx, code, ErrorBody.message(code), Map.of(), List.of());
    }

    /** Javalin's own answers (no route, wrong method, body too large…) in our envelope. */
    static void http(Context ctx, int status) {
        api(ctx, status, ErrorBody.message(status), Map.of(), List.of());
    }

    static void oauth(Context ctx, OAuthException e) {
        if (e.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        write(ctx, ErrorBody.oauth(e.status(), e.error(), e.getMessage()));
    }

    static void api(Context ctx, int status, String message, Map<String, Object> detail,
            List<ApiResponse.ErrorResponse> errors) {
        write(ctx, ErrorBody.envelope(status, message, detail, errors, ctx.path()));
    }

    private static void unavailable(Context ctx, String reason) {
        ctx.header("Retry-After", "5");
        if (Pages.isPage(ctx)) {
            // A browser page says so in HTML; never a wrong-password message.
            page(ctx, 503, "The sign-in service is unavailable right now. Please try again in a moment.", null);
            return;
        }
        api(ctx, 503, "Service unavailable", Map.of("reason", reason), List.of());
    }

    /** The HTML error page of the browser sign-in (no redirect: see {@link PageException}). */
    static void page(Context ctx, int status, String message, String challenge) {
        if (challenge != null) {
            ctx.header("WWW-Authenticate", challenge);
        }
        write(ctx, ErrorBody.page(status, message));
    }

    private static void write(Context ctx, ErrorBody body) {
        body.headers().forEach(ctx::header);
        ctx.status(body.status()).contentType(body.contentType()).result(body.bytes());
    }
}
