package dev.authbridge.password;

import dev.authbridge.api.Json;
import dev.authbridge.api.PublicUrl;
import dev.authbridge.directory.PasswordChangeResult;
import dev.authbridge.directory.PasswordReason;
import dev.authbridge.lockout.LockedOutException;
import dev.authbridge.token.StoredToken;
import dev.authbridge.web.ApiException;
import dev.authbridge.web.ApiResponse;
import dev.authbridge.web.Bearer;
import dev.authbridge.web.BearerAuth;
import dev.authbridge.web.JsonContent;
import dev.authbridge.web.RequestOrigins;
import dev.authbridge.web.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code POST /change-password}: JSON in, the {@link ApiResponse} envelope out, with
 * {@code operationId} echoed in {@code data}. A bearer token, when sent, must be valid (401
 * otherwise): a bad token never falls back to the way without one. During a lockout the answer
 * is that of a wrong old password, with {@code Retry-After}.
 */
public final class PasswordRoutes implements Routes {
    private final BearerAuth auth;
    private final PasswordService service;

    public PasswordRoutes(BearerAuth auth, PasswordService service) {
        this.auth = auth;
        this.service = service;
    }

    @Override
    public void mount(RoutesConfig routes) {
        routes.post(PublicUrl.BASE_PATH + "/change-password", this::change);
    }

    private void change(Context ctx) {
        StoredToken caller = Bearer.token(ctx).isPresent() ? auth.require(ctx) : null;
        // JSON, or no type at all (some clients send none); never a form a page could post.
        JsonContent.require(ctx.contentType(), true);
        ChangePasswordRequest request = ChangePasswordRequest.parse(JsonContent.text(ctx), caller != null);
        try {
            service.change(request, caller, RequestOrigins.of(ctx));
        } catch (LockedOutException e) {
            // The answer to a wrong old password, plus when to try again: it tells nothing more.
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            throw PasswordChangeRefusedException.of(new PasswordChangeResult.Refused(PasswordReason.WRONG_OLD_PASSWORD));
        }
        Map<String, Object> data = request.operationId() == null
                ? Map.of()
                : Map.of("operationId", request.operationId());
        ctx.header("Cache-Control", "no-store")
                .contentType("application/json")
                .result(Json.bytes(ApiResponse.ok(ctx.path(), data)));
    }
}
