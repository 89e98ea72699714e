package dev.authbridge.oauth;

import dev.authbridge.code.AuthorizationCode;
import dev.authbridge.code.AuthorizationCodes;
import dev.authbridge.code.CodeRedemption;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.token.IssuedTokens;
import dev.authbridge.token.TokenService;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorization code (RFC 6749 §4.1.3): exchanges a code from {@code /oauth/authorize} for
 * tokens. The same {@code redirect_uri} is required, PKCE is verified (RFC 7636 §4.6), and the
 * code redeems once: a replay is refused and revokes what the code was exchanged for (see
 * {@link AuthorizationCodes}). The scope is the one granted at the authorization; the token
 * request's {@code scope} (§4.1.3 defines none) is only checked to be one authbridge knows.
 */
public final class AuthorizationCodeGrant implements Grant {
    private static final Logger log = LoggerFactory.getLogger(AuthorizationCodeGrant.class);

    private final AuthorizationCodes codes;
    private final TokenService tokens;

    public AuthorizationCodeGrant(AuthorizationCodes codes, TokenService tokens) {
        this.codes = codes;
        this.tokens = tokens;
    }

    @Override
    public String type() {
        return "authorization_code";
    }

    @Override
    public IssuedTokens issue(TokenRequest request, ClientConfig client, String scope) {
        String code = request.require("code", request.code());
        String redirectUri = request.require("redirect_uri", request.redirectUri());
        CodeRedemption redemption = codes.redeem(code, client.id(), redirectUri, request.codeVerifier());
        if (redemption instanceof CodeRedemption.Refused refused) {
            log.info("authorization code refused for client {}: {}", client.id(), refused.reason());
            throw OAuthException.invalidGrant(refused.reason());
        }
        AuthorizationCode redeemed = ((CodeRedemption.Redeemed) redemption).code();
        Duration refreshTtl = client.allows("refresh_token") ? client.refreshTokenTtl() : null;
        IssuedTokens issued = tokens.issue(redeemed.owner(), client.id(), redeemed.scope(), client.accessTokenTtl(),
                refreshTtl);
        Duration longest = refreshTtl != null && refreshTtl.compareTo(client.accessTokenTtl()) > 0
                ? refreshTtl : client.accessTokenTtl();
        if (!codes.bindTokens(redeemed, issued.access().family(), longest)) {
            throw OAuthException.invalidGrant(CodeRedemption.Refused.REPLAYED.reason());
        }
        return issued.withNonce(redeemed.nonce());
    }
}
