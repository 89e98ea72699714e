package dev.authbridge.web;

import dev.authbridge.config.ServerConfig;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;

/**
 * The HTTP front: Javalin with every capability's routes, the body limit and the error mapping.
 * Nothing here knows about OAuth or LDAP.
 */
public final class HttpServer implements AutoCloseable {
    public static final String BASE_PATH = "/auth/v3";

    private final Javalin app;
    private final ServerConfig config;

    public HttpServer(ServerConfig config, List<Routes> routes) {
        this.config = config;
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.http.maxRequestSize = config.maxBodyBytes();
            c.http.prefer405over404 = true;
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.jetty.modifyHttpConfiguration(h -> {
                h.setSendServerVersion(false);
                // X-GWS-User carries every role and privilege of a user as a signed JWT: Jetty's
                // 8 KiB default would turn a user with many groups into a failed response.
                h.setResponseHeaderSize(64 * 1024);
            });
            c.routes.before(ctx -> guard(ctx));
            routes.forEach(r -> r.mount(c.routes));
            ErrorMapper.register(c.routes);
        });
    }

    /** Refuses an oversized body before anything reads it, and sets headers every answer gets. */
    private void guard(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        long length = ctx.req().getContentLengthLong();
        if (length > config.maxBodyBytes()) {
            ctx.header("Connection", "close");
            throw new ApiException(413, "Request body too large: the limit is " + config.maxBodyBytes() + " bytes");
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
