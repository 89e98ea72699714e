package dev.authbridge.authorize;

import dev.authbridge.api.Json;
import dev.authbridge.api.PublicUrl;
import dev.authbridge.web.ApiResponse;
import dev.authbridge.web.JsonContent;
import dev.authbridge.web.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The legacy {@code POST /auth-scheme} that older vendor SDKs call before signing in:
 * <code>{"data": {"tenant": …, "userName": …}}</code> → <code>{"data": {"scheme": "basic"}}</code>.
 * authbridge signs every user in with a password against the directory, so the answer is always
 * {@code basic}, whoever is named: it tells nothing about whether the user or tenant exists. A
 * body that is not JSON is a 400, as everywhere.
 */
public final class AuthSchemeRoutes implements Routes {
    private static final Map<String, String> BASIC = Map.of("scheme", "basic");

    @Override
    public void mount(RoutesConfig routes) {
        routes.post(PublicUrl.BASE_PATH + "/auth-scheme", this::scheme);
    }

    private void scheme(Context ctx) {
        JsonContent.require(ctx.contentType(), true);
        String body = JsonContent.text(ctx);
        if (!body.isBlank()) {
            JsonContent.object(body, "{\"data\": {\"tenant\": …, \"userName\": …}}");
        }
        ctx.contentType("application/json").result(Json.bytes(ApiResponse.ok(ctx.path(), BASIC)));
    }
}
