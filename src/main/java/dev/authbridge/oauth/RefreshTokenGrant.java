package dev.authbridge.oauth;

import dev.authbridge.audit.AuditEvent;
import dev.authbridge.audit.AuditEventType;
import dev.authbridge.audit.AuditLog;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.directory.Directory;
import dev.authbridge.token.IssuedTokens;
import dev.authbridge.token.StoredToken;
import dev.authbridge.token.TokenOwner;
import dev.authbridge.token.TokenService;
import dev.authbridge.token.RefreshCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refresh (RFC 6749 §6) with rotation and reuse detection (RFC 9700 §4.14.2): the presented
 * refresh token dies and a new one is returned; presenting a dead one revokes its whole family.
 * The user must still exist in the directory.
 */
public final class RefreshTokenGrant implements Grant {
    private static final Logger log = LoggerFactory.getLogger(RefreshTokenGrant.class);

    private final Directory directory;
    private final TokenService tokens;
    private final AuditLog audit;

    public RefreshTokenGrant(Directory directory, TokenService tokens, AuditLog audit) {
        this.directory = directory;
        this.tokens = tokens;
        this.audit = audit;
    }

    @Override
    public String type() {
        return "refresh_token";
    }

    /** RFC 6749 §6: the scope as asked; step 5 narrows the refresh token's own scope to it, never widens it. */
    @Override
    public String scope(TokenRequest request) {
        return request.scope();
    }

    @Override
    public boolean renewsSignIn() {
        return true;
    }

    @Override
    public IssuedTokens issue(TokenRequest request, ClientConfig client, String requestedScope) {
        String raw = request.require("refresh_token", request.refreshToken());
        RefreshCheck check = tokens.checkRefresh(raw, client.id());
        if (check instanceof RefreshCheck.Refused refused) {
            log.info("refresh refused for client {}: {}", client.id(), refused.reason());
            if (refused == RefreshCheck.Refused.REUSED) {
                reuse(request, client, null);
            }
            throw OAuthException.invalidGrant("Invalid refresh token");
        }
        StoredToken refresh = ((RefreshCheck.Valid) check).refresh();
        if (refresh.owner().isUser() && directory.findByDn(refresh.owner().userDn()).isEmpty()) {
            tokens.revokeFamily(refresh.family());
            throw OAuthException.invalidGrant("Invalid refresh token: the user no longer exists");
        }
        String scope = Scopes.narrow(refresh.scope(), requestedScope);
        return tokens.rotate(refresh, scope, client.accessTokenTtl(), client.refreshTokenTtl(),
                        client.rotateRefreshTokens(), raw)
                .orElseThrow(() -> {
                    // Another request redeemed it first (or a sign-out revoked the family meanwhile).
                    reuse(request, client, refresh.owner());
                    return OAuthException.invalidGrant("Invalid refresh token");
                });
    }

    /** RFC 9700 §4.14.2: a refresh token presented twice; its sign-in has been revoked. */
    private void reuse(TokenRequest request, ClientConfig client, TokenOwner owner) {
        audit.record(AuditEvent.of(AuditEventType.REFRESH_TOKEN_REUSE, AuditEvent.Outcome.FAILURE)
                .user(owner == null ? null : owner.userName()).tenant(owner == null ? null : owner.tenantId())
                .client(client.id()).origin(request.origin()).reason("refresh_token_reused")
                .detail("revoked", "sign-in").build());
    }
}
