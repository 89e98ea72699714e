package dev.authbridge.oauth;

import dev.authbridge.api.Json;
import dev.authbridge.api.PublicUrl;
import dev.authbridge.audit.AuditEvent;
import dev.authbridge.audit.AuditEventType;
import dev.authbridge.audit.AuditLog;
import dev.authbridge.token.StoredToken;
import dev.authbridge.token.TokenKind;
import dev.authbridge.token.TokenService;
import dev.authbridge.web.Cors;
import dev.authbridge.web.RequestOrigins;
import dev.authbridge.web.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code POST /oauth/revoke} (RFC 7009) and {@code POST /oauth/introspect} (RFC 7662): form in,
 * client-authenticated like the token endpoint, errors as RFC 6749 §5.2. For {@link Cors}: an
 * active introspection answer is about the token's user (a client's token: nobody's tenant);
 * {@code {"active":false}}, the empty revocation answer and errors are about nobody.
 */
public final class TokenLifecycleRoutes implements Routes {
    private final ClientAuthenticator clients;
    private final TokenService tokens;
    private final TokenIntrospection introspection;
    private final AuditLog audit;

    public TokenLifecycleRoutes(ClientAuthenticator clients, TokenService tokens, TokenIntrospection introspection,
            AuditLog audit) {
        this.clients = clients;
        this.tokens = tokens;
        this.introspection = introspection;
        this.audit = audit;
    }

    @Override
    public void mount(RoutesConfig routes) {
        routes.post(PublicUrl.BASE_PATH + "/oauth/revoke", this::revoke);
        routes.post(PublicUrl.BASE_PATH + "/oauth/introspect", this::introspect);
    }

    /**
     * RFC 7009 §2.2: 200 whether or not the token existed ("invalid tokens do not cause an
     * error response"), so the answer says nothing about the token. The body is empty.
     */
    private void revoke(Context ctx) {
        Cors.aboutNoUser(ctx);
        TokenLifecycleRequest request = parse(ctx);
        String clientId = clients.authenticate(request.client(), request.origin()).id();
        Optional<StoredToken> revoked = tokens.revoke(request.requireToken(), clientId);
        AuditEvent.Builder event = AuditEvent.of(AuditEventType.TOKENS_REVOKED,
                        revoked.isPresent() ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE)
                .client(clientId).origin(RequestOrigins.of(ctx)).detail("by", "revocation_request");
        revoked.ifPresentOrElse(t -> event.user(t.owner().userName()).tenant(t.owner().tenantId())
                        .detail("scope", t.kind() == TokenKind.REFRESH ? "sign-in" : "access token"),
                () -> event.reason("unknown_token"));
        audit.record(event.build());
        ctx.header("Cache-Control", "no-store").status(200);
    }

    private void introspect(Context ctx) {
        Cors.aboutNoUser(ctx);
        IntrospectionResponse response = introspection.introspect(parse(ctx));
        if (response.active()) {
            Cors.aboutTenant(ctx, response.tenant());
        }
        ctx.header("Cache-Control", "no-store").header("Pragma", "no-cache")
                .contentType("application/json").result(Json.bytes(response));
    }

    private static TokenLifecycleRequest parse(Context ctx) {
        return TokenLifecycleRequest.parse(TokenRoutes.form(ctx), ctx.header("Authorization"), RequestOrigins.of(ctx));
    }
}
