package dev.authbridge.userinfo;

import dev.authbridge.web.BearerAuth;
import dev.authbridge.web.HttpServer;
import dev.authbridge.web.Json;
import dev.authbridge.web.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code GET /userinfo} and {@code GET /openid/userinfo}, bearer token required. */
public final class UserInfoRoutes implements Routes {
    private final BearerAuth auth;
    private final UserInfoService users;

    public UserInfoRoutes(BearerAuth auth, UserInfoService users) {
        this.auth = auth;
        this.users = users;
    }

    @Override
    public void mount(RoutesConfig routes) {
        routes.get(HttpServer.BASE_PATH + "/userinfo", ctx -> json(ctx, users.cloud(auth.require(ctx))));
        routes.get(HttpServer.BASE_PATH + "/openid/userinfo", ctx -> json(ctx, users.openId(auth.require(ctx))));
    }

    private static void json(Context ctx, Object body) {
        ctx.header("Cache-Control", "no-store").contentType("application/json").result(Json.bytes(body));
    }
}
