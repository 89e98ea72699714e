package dev.authbridge.session;

import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.token.StoredToken;
import dev.authbridge.token.TokenService;
import dev.authbridge.web.ApiException;
import dev.authbridge.web.ApiResponse;
import dev.authbridge.web.BearerAuth;
import dev.authbridge.web.HttpServer;
import dev.authbridge.web.Json;
import dev.authbridge.web.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /ping} (the vendor clients' keep-alive: 200 when authenticated, else 403) and
 * {@code GET|POST /sign-out} ({@code global=true} ends every token of the user; otherwise the
 * presented token's sign-in). A GET may redirect afterwards, but only to a redirect URI
 * registered for the token's client: anything else is 400 and nothing is revoked.
 */
public final class SessionRoutes implements Routes {
    private final BearerAuth auth;
    private final TokenService tokens;
    private final AuthbridgeConfig config;

    public SessionRoutes(BearerAuth auth, TokenService tokens, AuthbridgeConfig config) {
        this.auth = auth;
        this.tokens = tokens;
        this.config = config;
    }

    @Override
    public void mount(RoutesConfig routes) {
        routes.get(HttpServer.BASE_PATH + "/ping", this::ping);
        routes.get(HttpServer.BASE_PATH + "/sign-out", ctx -> signOut(ctx, true));
        routes.post(HttpServer.BASE_PATH + "/sign-out", ctx -> signOut(ctx, false));
    }

    private void ping(Context ctx) {
        if (auth.find(ctx).isEmpty()) {
            throw new ApiException(403, "Prohibited: not authenticated");
        }
        ok(ctx);
    }

    private void signOut(Context ctx, boolean mayRedirect) {
        StoredToken token = auth.require(ctx);
        boolean global = flag(ctx.queryParamMap().get("global"));
        String redirect = mayRedirect ? single(ctx.queryParamMap().get("redirectUri"), "redirectUri") : null;
        if (redirect != null) {
            ClientConfig client = config.client(token.clientId()).orElse(null);
            if (client == null || !client.allowsRedirect(redirect)) {
                throw ApiException.badRequest("redirectUri is not registered for this client");
            }
        }
        tokens.signOut(token, global);
        if (redirect != null) {
            ctx.redirect(redirect, HttpStatus.FOUND);
        } else {
            ok(ctx);
        }
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
