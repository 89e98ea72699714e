package dev.authbridge.client;

import dev.authbridge.config.ClientConfig;
import dev.authbridge.config.ClientSecret;
import dev.authbridge.config.TokenExchangeConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A client as the ops API and {@code authbridge clients} show it, in the vendor's terms, whether
 * it comes from {@code config.yaml} ({@link #readOnly()}) or from the store. The secret is never
 * here: a store client has only its bcrypt hash ({@link #secretHash()}), which is never shown.
 *
 * @param secretHash the bcrypt hash of a store client's secret; null for a public client and for
 *     every client of the configuration
 * @param authorities the client's own authorities, recorded and shown (the vendor's field);
 *     tokens take their roles from the directory
 * @param scope the scopes recorded for the client (the vendor's field), shown as given
 * @param createdAt null for a client of the configuration
 */
public record RegisteredClient(
        String id,
        ClientType type,
        String secretHash,
        String name,
        String description,
        List<String> grantTypes,
        List<String> authorities,
        List<String> scope,
        List<String> redirectUris,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        List<String> contactCenterIds,
        boolean readOnly,
        Instant createdAt,
        Instant updatedAt) {

    public RegisteredClient {
        grantTypes = List.copyOf(grantTypes);
        authorities = List.copyOf(authorities);
        scope = List.copyOf(scope);
        redirectUris = List.copyOf(redirectUris);
        contactCenterIds = List.copyOf(contactCenterIds);
    }

    /** A client of {@code config.yaml}, as the API shows it (read-only). */
    static RegisteredClient of(ClientConfig c) {
        return new RegisteredClient(c.id(), c.isPublic() ? ClientType.PUBLIC : ClientType.CONFIDENTIAL, null, null, null,
                ClientConfig.GRANT_TYPES.stream().filter(c.grantTypes()::contains).toList(), List.of(), List.of(),
                c.redirectUris(), c.accessTokenTtl(), c.refreshTokenTtl(), List.of(), true, null, null);
    }

    /**
     * What the grants and the endpoints use: refresh tokens rotated, token exchange only for
     * itself (the vendor's fields name no audiences).
     */
    ClientConfig toConfig(ClientSecrets secrets) {
        ClientSecret secret = type == ClientType.PUBLIC ? null : secrets.verifier(secretHash);
        return new ClientConfig(id, secret, Set.copyOf(grantTypes), redirectUris, accessTokenTtl, refreshTokenTtl,
                true, TokenExchangeConfig.NONE, false);
    }
}
