package dev.authbridge.oauth;

import dev.authbridge.config.ClientConfig;
import dev.authbridge.token.IssuedTokens;

/** One OAuth grant type. Runs after the shared steps of {@link TokenEndpoint}. */
interface Grant {
    String type();

    /** @param scope the scope already validated and normalised for this request */
    IssuedTokens issue(TokenRequest request, ClientConfig client, String scope);
}
