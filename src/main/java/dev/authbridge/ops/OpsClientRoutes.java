package dev.authbridge.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.authbridge.api.Json;
import dev.authbridge.api.PublicUrl;
import dev.authbridge.client.ClientAdministration;
import dev.authbridge.client.ClientAdministration.Actor;
import dev.authbridge.client.RegisteredClient;
import dev.authbridge.web.ApiResponse;
import dev.authbridge.web.JsonContent;
import dev.authbridge.web.RequestOrigins;
import dev.authbridge.web.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code /auth/v3/ops/clients}: {@code GET} lists every client (the configuration's marked
 * {@code readOnly}), {@code GET /{client_id}} shows one, {@code POST} creates one, {@code PUT
 * /{client_id}} changes the fields it is given, {@code DELETE /{client_id}} deletes one and
 * revokes its tokens. Every call authenticates first ({@link OpsAuthenticator}); bodies must be
 * {@code application/json} (a browser's cross-site form or no-type request cannot ride on
 * cached Basic credentials). Answers are the {@code ApiResponse} envelope, never cached; a
 * secret appears only in the answer to the create that generated it, and {@code path} of that
 * answer names the new client.
 */
public final class OpsClientRoutes implements Routes {
    static final String PATH = PublicUrl.BASE_PATH + "/ops/clients";

    private final OpsAuthenticator auth;
    private final ClientAdministration clients;

    public OpsClientRoutes(OpsAuthenticator auth, ClientAdministration clients) {
        this.auth = auth;
        this.clients = clients;
    }

    /** A client in the vendor's field names; {@code client_secret} only when just generated. */
    record ClientBody(
            @JsonProperty("client_id") String id,
            @JsonProperty("client_secret") String secret,
            String name,
            String description,
            String clientType,
            List<String> authorizedGrantTypes,
            List<String> authorities,
            List<String> scope,
            @JsonProperty("redirectURIs") List<String> redirectUris,
            long accessTokenExpirationTimeout,
            long refreshTokenExpirationTimeout,
            List<String> contactCenterIds,
            boolean readOnly) {

        static ClientBody of(RegisteredClient c, String secret) {
            return new ClientBody(c.id(), secret, c.name(), c.description(), c.type().name(), c.grantTypes(),
                    c.authorities(), c.scope(), c.redirectUris(), c.accessTokenTtl().toSeconds(),
                    c.refreshTokenTtl().toSeconds(), c.contactCenterIds(), c.readOnly());
        }
    }

    @Override
    public void mount(RoutesConfig routes) {
        routes.get(PATH, this::list);
        routes.post(PATH, this::create);
        routes.get(PATH + "/{id}", this::show);
        routes.put(PATH + "/{id}", this::update);
        routes.delete(PATH + "/{id}", this::delete);
    }

    private void list(Context ctx) {
        operator(ctx);
        answer(ctx, ctx.path(), clients.list().stream().map(c -> ClientBody.of(c, null)).toList());
    }

    private void show(Context ctx) {
        operator(ctx);
        answer(ctx, ctx.path(), ClientBody.of(clients.get(ctx.pathParam("id")), null));
    }

    private void create(Context ctx) {
        Actor actor = operator(ctx);
        JsonContent.require(ctx.contentType(), false);
        ClientAdministration.Created created = clients.create(OpsClientRequest.parse(JsonContent.text(ctx)).draft(), actor);
        String path = PATH + "/" + URLEncoder.encode(created.client().id(), StandardCharsets.UTF_8);
        ctx.header("Location", path);
        answer(ctx, path, ClientBody.of(created.client(), created.generatedSecret()));
    }

    private void update(Context ctx) {
        Actor actor = operator(ctx);
        JsonContent.require(ctx.contentType(), false);
        RegisteredClient updated = clients.update(ctx.pathParam("id"), OpsClientRequest.parse(JsonContent.text(ctx)).draft(), actor);
        answer(ctx, ctx.path(), ClientBody.of(updated, null));
    }

    private void delete(Context ctx) {
        Actor actor = operator(ctx);
        ClientAdministration.Deleted deleted = clients.delete(ctx.pathParam("id"), actor);
        answer(ctx, ctx.path(), Map.of("client_id", deleted.id(), "revokedTokens", deleted.revokedTokens()));
    }

    private Actor operator(Context ctx) {
        String name = auth.authenticate(ctx.header("Authorization"), RequestOrigins.of(ctx));
        return Actor.opsApi(name, RequestOrigins.of(ctx));
    }

    private static void answer(Context ctx, String path, Object data) {
        ctx.header("Cache-Control", "no-store")
                .contentType("application/json")
                .result(Json.bytes(ApiResponse.ok(path, data)));
    }
}
