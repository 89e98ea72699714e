package dev.authbridge.web;

import dev.authbridge.token.InvalidTokenException;
import dev.authbridge.token.StoredToken;
import dev.authbridge.token.TokenService;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Resolves the bearer access token of a request to its live stored token, and records for
 * {@link Cors} whom the answer is about: the token's user's tenant, or nobody when the answer is
 * the 401 that asks to sign in again.
 */
public final class BearerAuth {
    private final TokenService tokens;

    public BearerAuth(TokenService tokens) {
        this.tokens = tokens;
    }

    public Optional<StoredToken> find(Context ctx) {
        Optional<StoredToken> token = Bearer.token(ctx).flatMap(tokens::authenticate);
        token.ifPresent(t -> Cors.aboutTenant(ctx, t.owner().tenantId()));
        return token;
    }

    /** The caller's token, or 401 with the {@link ApiResponse} envelope. */
    public StoredToken require(Context ctx) {
        return find(ctx).orElseThrow(() -> {
            Cors.aboutNoUser(ctx);
            return new InvalidTokenException();
        });
    }
}
