package dev.authbridge.discovery;

import dev.authbridge.api.Json;
import dev.authbridge.api.PublicUrl;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.config.SigningAlgorithm;
import dev.authbridge.web.Cors;
import dev.authbridge.web.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /.well-known/openid-configuration} under the issuer. The issuer is
 * {@code server.publicUrl} + {@code /auth/v3}, so the document sits where OIDC Discovery §4
 * puts it: issuer + {@code /.well-known/openid-configuration}.
 */
public final class DiscoveryRoutes implements Routes {
    static final String PATH = PublicUrl.BASE_PATH + "/.well-known/openid-configuration";

    /** Every claim of the id token, {@code X-GWS-User} and {@code /openid/userinfo}. */
    static final List<String> CLAIMS = List.of(
            "iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "at_hash", "azp", "jti",
            "user_name", "email", "given_name", "family_name", "contact_center_id", "environment_id", "dbid",
            "authorities", "properties",
            "loginName", "cmeUserName", "contactCenterId", "environmentId", "username");

    private final PublicUrl publicUrl;
    private final SigningAlgorithm algorithm;

    public DiscoveryRoutes(PublicUrl publicUrl, SigningAlgorithm algorithm) {
        this.publicUrl = publicUrl;
        this.algorithm = algorithm;
    }

    @Override
    public void mount(RoutesConfig routes) {
        routes.get(PATH, this::configuration);
    }

    private void configuration(Context ctx) {
        Cors.aboutNoUser(ctx);
        ctx.header("Cache-Control", "public, max-age=3600")
                .contentType("application/json")
                .result(Json.bytes(metadata()));
    }

    ProviderMetadata metadata() {
        String issuer = publicUrl.api();
        List<String> clientAuth = List.of("client_secret_basic", "client_secret_post", "none");
        return new ProviderMetadata(
                issuer,
                issuer + "/oauth/authorize",
                issuer + "/oauth/token",
                issuer + "/openid/userinfo",
                issuer + "/jwks",
                issuer + "/oauth/revoke",
                issuer + "/oauth/introspect",
                issuer + "/sign-out",
                List.of("openid", "*"),
                List.of("code", "token"),
                List.of("query", "fragment"),
                ClientConfig.GRANT_TYPES,
                List.of("public"),
                List.of(algorithm.name()),
                clientAuth,
                clientAuth,
                // RFC 7662 §2.1: the caller must authenticate; a public client cannot.
                List.of("client_secret_basic", "client_secret_post"),
                List.of("S256"),
                CLAIMS,
                true,
                false,
                false,
                false);
    }
}
