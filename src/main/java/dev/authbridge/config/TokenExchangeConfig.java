package dev.authbridge.config;

import java.util.List;

/**
 * What a client registered for the token-exchange grant (RFC 8693) may ask for: tokens for
 * itself (always, when it is registered for the grant) and for the other registered clients
 * named in {@code audiences} (its {@code clients[].tokenExchange.audiences}). The loader checks
 * that each names a registered client other than itself.
 */
public record TokenExchangeConfig(List<String> audiences) {

    /** The grant type (RFC 8693 §2.1). */
    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";

    /** No other audience: a client not registered for the grant, or only for tokens of its own. */
    public static final TokenExchangeConfig NONE = new TokenExchangeConfig(List.of());

    public TokenExchangeConfig {
        audiences = List.copyOf(audiences);
    }

    /** Whether tokens for {@code clientId} may be issued to {@code self} by an exchange. */
    public boolean permits(String self, String clientId) {
        return self.equals(clientId) || audiences.contains(clientId);
    }
}
