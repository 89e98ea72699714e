package dev.authbridge.oauth;

import dev.authbridge.config.ClientConfig;
import dev.authbridge.token.IssuedTokens;
import dev.authbridge.token.TokenOwner;
import dev.authbridge.token.TokenService;

/**
 * Client credentials (RFC 6749 §4.4): a token for the client itself, with no user. No refresh
 * token is issued (§4.4.3): the client can simply ask again.
 */
public final class ClientCredentialsGrant implements Grant {
    private final TokenService tokens;

    public ClientCredentialsGrant(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public String type() {
        return "client_credentials";
    }

    @Override
    public IssuedTokens issue(TokenRequest request, ClientConfig client, String scope) {
        return tokens.issue(TokenOwner.CLIENT, client.id(), scope, client.accessTokenTtl(), null);
    }
}
