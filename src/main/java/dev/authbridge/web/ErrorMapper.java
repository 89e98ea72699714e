package dev.authbridge.web;

import dev.authbridge.error.DomainException;
import dev.authbridge.error.Problem;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become responses. A {@link DomainException} is answered as its
 * {@link DomainException#answer()} says: RFC 6749 §5.2, a redirect to the client's validated
 * redirect URI, or the {@link ApiResponse} envelope — except on the browser sign-in's pages
 * ({@link Pages#isPage}), where it is the HTML error page. It never throws and never shows a
 * stack trace; unexpected exceptions are logged (without request data) and answered 500. The
 * bytes of each shape come from {@link ErrorBody}, which also renders what is refused before any
 * route runs ({@link JettyErrors}, {@link FrontDoor}).
 */
public final class ErrorMapper {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {}

    static void register(RoutesConfig routes) {
        routes.exception(DomainException.class, (e, ctx) -> domain(ctx, e));
        routes.exception(HttpResponseException.class, (e, ctx) -> http(ctx, e.getStatus()));
        // What the front door did not catch first: a client's mistake, one line, no trace.
        routes.exception(HttpException.RuntimeException.class, (e, ctx) -> clientMistake(ctx, e.getCode(), e));
        routes.exception(IllegalCharsetNameException.class, (e, ctx) -> clientMistake(ctx, 400, e));
        routes.exception(UnsupportedCharsetException.class, (e, ctx) -> clientMistake(ctx, 400, e));
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            if (Pages.isPage(ctx)) {
                write(ctx, ErrorBody.page(500, "Something went wrong on our side. Please try again."));
                return;
            }
            api(ctx, Problem.of(500, "Internal error"));
        });
        routes.error(404, ctx -> {
            if (ctx.result() == null) {
                http(ctx, 404);
            }
        });
        routes.error(405, ctx -> http(ctx, 405));
        routes.error(413, ctx -> http(ctx, 413));
    }

    static void domain(Context ctx, DomainException e) {
        Problem problem = e.problem();
        if (problem.status() >= 500) {
            // The message says what failed (never a secret); the answer only that it did.
            log.error("answered {} {}: {}", problem.status(), problem.code(), e.getMessage());
        }
        if (e.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        switch (e.answer()) {
            case OAUTH -> write(ctx, ErrorBody.oauth(problem));
            // After the sign-in form's POST: 303, so the browser follows with a GET (RFC 9700 §4.12).
            case REDIRECT -> Pages.redirect(ctx, e.location(), ctx.method() == HandlerType.POST ? 303 : 302);
            case ENVELOPE -> {
                if (Pages.isPage(ctx)) {
                    // A browser page says so in HTML; an outage is never a wrong-password message.
                    write(ctx, ErrorBody.page(problem.status(),
                            problem.status() >= 500 ? ErrorBody.PAGE_UNAVAILABLE : problem.description()));
                } else {
                    write(ctx, ErrorBody.envelope(problem, e.problems(), ctx.path()));
                }
            }
        }
    }

    private static void clientMistake(Context ctx, int status, Exception e) {
        int code = status >= 400 && status < 500 ? status : 400;
        log.info("refused {} {}: {} {}", ctx.method(), ErrorBody.shortened(ctx.path()), code, e.getClass().getSimpleName());
        if (Pages.isPage(ctx)) {
            write(ctx, ErrorBody.page(code, ErrorBody.PAGE_CLIENT_MISTAKE));
            return;
        }
        api(ctx, Problem.of(code, ErrorBody.message(code)));
    }

    /** Javalin's own answers (no route, wrong method, body too large…) in our envelope. */
    static void http(Context ctx, int status) {
        api(ctx, Problem.of(status, ErrorBody.message(status)));
    }

    private static void api(Context ctx, Problem problem) {
        write(ctx, ErrorBody.envelope(problem, List.of(problem), ctx.path()));
    }

    private static void write(Context ctx, ErrorBody body) {
        body.headers().forEach(ctx::header);
        ctx.status(body.status()).contentType(body.contentType()).result(body.bytes());
    }
}
