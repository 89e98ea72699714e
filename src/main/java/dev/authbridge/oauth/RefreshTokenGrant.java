package dev.authbridge.oauth;

import dev.authbridge.config.ClientConfig;
import dev.authbridge.directory.Directory;
import dev.authbridge.token.IssuedTokens;
import dev.authbridge.token.StoredToken;
import dev.authbridge.token.TokenService;
import dev.authbridge.token.RefreshCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refresh (RFC 6749 §6) with rotation and reuse detection (RFC 9700 §4.14.2): the presented
 * refresh token dies and a new one is returned; presenting a dead one revokes its whole family.
 * The user must still exist in the directory.
 */
final class RefreshTokenGrant implements Grant {
    private static final Logger log = LoggerFactory.getLogger(RefreshTokenGrant.class);

    private final Directory directory;
    private final TokenService tokens;

    RefreshTokenGrant(Directory directory, TokenService tokens) {
        this.directory = directory;
        this.tokens = tokens;
    }

    @Override
    public String type() {
        return "refresh_token";
    }

    @Override
    public IssuedTokens issue(TokenRequest request, ClientConfig client, String requestedScope) {
        String raw = request.require("refresh_token", request.refreshToken());
        RefreshCheck check = tokens.checkRefresh(raw, client.id());
        if (check instanceof RefreshCheck.Refused refused) {
            log.info("refresh refused for client {}: {}", client.id(), refused.reason());
            throw OAuthException.invalidGrant("Invalid refresh token");
        }
        StoredToken refresh = ((RefreshCheck.Valid) check).refresh();
        if (refresh.owner().isUser() && directory.findByDn(refresh.owner().userDn()).isEmpty()) {
            tokens.revokeFamily(refresh.family());
            throw OAuthException.invalidGrant("Invalid refresh token: the user no longer exists");
        }
        String scope = Scopes.narrow(refresh.scope(), request.scope());
        return tokens.rotate(refresh, scope, client.accessTokenTtl(), client.refreshTokenTtl(),
                        client.rotateRefreshTokens(), raw)
                .orElseThrow(() -> OAuthException.invalidGrant("Invalid refresh token"));
    }
}
