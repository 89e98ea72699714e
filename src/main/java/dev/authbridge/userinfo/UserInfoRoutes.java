package dev.authbridge.userinfo;

import dev.authbridge.api.Json;
import dev.authbridge.api.PublicUrl;
import dev.authbridge.web.ApiException;
import dev.authbridge.web.ApiResponse;
import dev.authbridge.web.BearerAuth;
import dev.authbridge.web.HttpServer;
import dev.authbridge.web.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code GET /userinfo}, {@code GET /openid/userinfo} and {@code GET /jwt-userinfo} (an
 * {@code ApiResponse} with the user's details as a signed JWT in the {@code X-GWS-User} header),
 * bearer token required.
 */
public final class UserInfoRoutes implements Routes {
    /**
     * The largest {@code X-GWS-User} sent: well inside the room Jetty has for response headers
     * ({@link HttpServer#MAX_RESPONSE_HEADER_BYTES}), with space left for the others. A user
     * whose signed details are larger (hundreds of groups and privileges) gets 422 and a message
     * pointing to {@code /userinfo}, which has no such limit; silently dropping roles from a
     * signed identity would be worse.
     */
    public static final int MAX_GWS_USER_BYTES = 48 * 1024;

    private final BearerAuth auth;
    private final UserInfoService users;

    public UserInfoRoutes(BearerAuth auth, UserInfoService users) {
        this.auth = auth;
        this.users = users;
    }

    @Override
    public void mount(RoutesConfig routes) {
        routes.get(PublicUrl.BASE_PATH + "/userinfo", ctx -> json(ctx, users.cloud(auth.require(ctx))));
        routes.get(PublicUrl.BASE_PATH + "/openid/userinfo", ctx -> json(ctx, users.openId(auth.require(ctx))));
        routes.get(PublicUrl.BASE_PATH + "/jwt-userinfo", this::jwtUserInfo);
    }

    private void jwtUserInfo(Context ctx) {
        String jwt = users.signedCloud(auth.require(ctx));
        if (jwt.length() > MAX_GWS_USER_BYTES) {
            throw new ApiException(422, "USER_TOO_LARGE", "The user's details are too large for the X-GWS-User header ("
                    + jwt.length() + " bytes signed; the limit is " + MAX_GWS_USER_BYTES
                    + "): read them from /userinfo instead", Map.of("limit", MAX_GWS_USER_BYTES));
        }
        ctx.header("X-GWS-User", jwt);
        json(ctx, ApiResponse.ok(ctx.path(), Map.of()));
    }

    private static void json(Context ctx, Object body) {
        ctx.header("Cache-Control", "no-store").contentType("application/json").result(Json.bytes(body));
    }
}
