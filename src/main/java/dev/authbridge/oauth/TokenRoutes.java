package dev.authbridge.oauth;

import dev.authbridge.api.Json;
import dev.authbridge.api.PublicUrl;
import dev.authbridge.web.Cors;
import dev.authbridge.web.FormBody;
import dev.authbridge.web.RepeatedParameterException;
import dev.authbridge.web.RequestOrigins;
import dev.authbridge.web.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code POST /oauth/token}: form in, JSON (or form, by {@code Accept}) out. For {@link Cors} a
 * token answer is about the user its tokens speak for (a client's own tokens: nobody's tenant); a
 * refusal is about nobody, being the same whoever the request named (see {@link PasswordGrant}).
 */
public final class TokenRoutes implements Routes {
    private static final String FORM = "application/x-www-form-urlencoded";

    private final TokenEndpoint endpoint;

    public TokenRoutes(TokenEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void mount(RoutesConfig routes) {
        routes.post(PublicUrl.BASE_PATH + "/oauth/token", this::token);
    }

    private void token(Context ctx) {
        Cors.aboutNoUser(ctx);
        TokenEndpoint.Answer answer = endpoint.handle(parse(ctx));
        Cors.aboutTenant(ctx, answer.owner().tenantId());
        TokenResponse response = answer.response();
        ctx.header("Cache-Control", "no-store").header("Pragma", "no-cache");
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains(FORM) && !accept.contains("application/json")) {
            ctx.contentType(FORM).result(response.formEncoded());
        } else {
            ctx.contentType("application/json").result(Json.bytes(response));
        }
    }

    private static TokenRequest parse(Context ctx) {
        return TokenRequest.parse(form(ctx), ctx.header("Authorization"), RequestOrigins.of(ctx));
    }

    /**
     * The body of a POST to a client-authenticated OAuth endpoint (token, revocation,
     * introspection). RFC 6749 §3.2: parameters travel form-encoded in the body, and credentials
     * never in the URL.
     */
    static FormBody form(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase().startsWith(FORM)) {
            throw OAuthException.invalidRequest("the body must be " + FORM);
        }
        if (ctx.queryString() != null && !ctx.queryString().isEmpty()) {
            throw OAuthException.invalidRequest("parameters must be sent in the form body, not the URL");
        }
        FormBody form;
        try {
            form = FormBody.parse(ctx.body());
        } catch (IllegalArgumentException | RepeatedParameterException e) {
            throw OAuthException.invalidRequest(e.getMessage());
        }
        return form;
    }
}
