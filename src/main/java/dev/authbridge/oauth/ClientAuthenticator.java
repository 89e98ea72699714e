package dev.authbridge.oauth;

import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.ClientConfig;

/**
 * Establishes which registered client is calling (RFC 6749 §2.3). Confidential clients must
 * prove their secret (compared in constant time); public clients must not send one.
 */
public final class ClientAuthenticator {
    private final AuthbridgeConfig config;

    public ClientAuthenticator(AuthbridgeConfig config) {
        this.config = config;
    }

    public ClientConfig authenticate(TokenRequest.ClientCredentials presented) {
        if (presented == null) {
            throw OAuthException.invalidClient("client authentication required");
        }
        ClientConfig client = config.client(presented.id())
                .orElseThrow(() -> OAuthException.invalidClient("unknown client or wrong secret"));
        if (client.isPublic()) {
            if (presented.secret() != null) {
                throw OAuthException.invalidClient("unknown client or wrong secret");
            }
            return client;
        }
        if (presented.secret() == null || !client.secret().matches(presented.secret().reveal())) {
            throw OAuthException.invalidClient("unknown client or wrong secret");
        }
        return client;
    }
}
