package dev.authbridge.web;

import dev.authbridge.config.ServerConfig;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.List;
import java.util.Set;

/**
 * The HTTP front: Javalin with every capability's routes, the body limit and the error mapping.
 * Nothing here knows about OAuth or LDAP.
 */
public final class HttpServer implements AutoCloseable {
    public static final String BASE_PATH = "/auth/v3";
    /** The methods a route can have; any other is refused with 501 before routing. */
    public static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    /** The room for a response's headers; {@code X-GWS-User} is kept well inside it. */
    public static final int MAX_RESPONSE_HEADER_BYTES = 64 * 1024;

    private final Javalin app;
    private final ServerConfig config;

    public HttpServer(ServerConfig config, List<Routes> routes) {
        this(config, routes, HttpObserver.NONE);
    }

    /**
     * @param observer told about every answered request (metrics); the listener serves HTTPS when
     *     {@code config.tls()} is set, and believes X-Forwarded-* only from {@code
     *     config.trustedProxies()}
     */
    public HttpServer(ServerConfig config, List<Routes> routes, HttpObserver observer) {
        this.config = config;
        TrustedProxies proxies = new TrustedProxies(config.trustedProxies());
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.http.maxRequestSize = config.maxBodyBytes();
            c.http.prefer405over404 = true;
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.jetty.modifyHttpConfiguration(h -> {
                h.setSendServerVersion(false);
                h.addCustomizer(new ForwardedHeaders(proxies));
                h.setRequestHeaderSize(config.limits().maxHeaderBytes());
                // X-GWS-User carries every role and privilege of a user as a signed JWT: Jetty's
                // 8 KiB default would turn a user with many groups into a failed response.
                h.setResponseHeaderSize(MAX_RESPONSE_HEADER_BYTES);
            });
            c.jetty.modifyServer(server -> {
                server.setErrorHandler(new JettyErrors());
                server.insertHandler(FrontDoor.handlers(config));
            });
            // An added connector replaces Javalin's own.
            c.jetty.addConnector((server, http) -> FrontDoor.connector(server, http, config, proxies));
            c.requestLogger.http((ctx, millis) -> observer.onRequest(method(ctx), route(ctx), ctx.statusCode(), millis));
            c.routes.before(ctx -> guard(ctx));
            routes.forEach(r -> r.mount(c.routes));
            ErrorMapper.register(c.routes);
        });
    }

    /** Refuses an oversized body before anything reads it, and sets headers every answer gets. */
    private void guard(Context ctx) {
        RequestOrigins.assign(ctx);
        ctx.header("X-Content-Type-Options", "nosniff");
        if (config.tls() != null && config.tls().hsts() && "https".equalsIgnoreCase(ctx.scheme())) {
            // RFC 6797 §7.2: only over a secure connection; browsers then never try plain HTTP.
            ctx.header("Strict-Transport-Security", "max-age=" + config.tls().hstsMaxAge().toSeconds());
        }
        long length = ctx.req().getContentLengthLong();
        if (length > config.maxBodyBytes()) {
            throw new ApiException(413, "Request body too large: the limit is " + config.maxBodyBytes() + " bytes");
        }
    }

    /** The request's method when a route can have it, else {@code other}: a closed set of labels. */
    private static String method(Context ctx) {
        String method = ctx.req().getMethod();
        return METHODS.contains(method) ? method : "other";
    }

    /** The matched route's template, never the raw path (whose values callers choose). */
    private static String route(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            return endpoint == null ? "unmatched" : endpoint.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    public HttpServer start() {
        app.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
