package dev.authbridge.jwt;

import dev.authbridge.api.Json;
import dev.authbridge.api.PublicUrl;
import dev.authbridge.web.Cors;
import dev.authbridge.web.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /jwks}: the public JWK set (RFC 7517 §5) resource servers verify {@code X-GWS-User}
 * and id tokens with. Cacheable: a verifier that meets an unknown {@code kid} re-fetches, and
 * the key a rotation promotes is published a whole rotation ahead.
 */
public final class JwksRoutes implements Routes {
    /** Public, for 15 minutes: rotating more often than that gains nothing. */
    static final String CACHE_CONTROL = "public, max-age=900";

    private final KeyRing keys;

    public JwksRoutes(KeyRing keys) {
        this.keys = keys;
    }

    @Override
    public void mount(RoutesConfig routes) {
        routes.get(PublicUrl.BASE_PATH + "/jwks", this::jwks);
    }

    private void jwks(Context ctx) {
        Cors.aboutNoUser(ctx);
        // toJSONObject(true): public parameters only, whatever the set holds.
        ctx.header("Cache-Control", CACHE_CONTROL)
                .contentType("application/json")
                .result(Json.bytes(keys.publishedKeys().toJSONObject(true)));
    }
}
