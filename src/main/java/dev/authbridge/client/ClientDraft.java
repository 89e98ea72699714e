package dev.authbridge.client;

import dev.authbridge.config.Secret;
import java.util.List;

/**
 * What an operator asks a client to be, in the vendor's fields, as the ops API's body or the
 * command line's options give it. Every field may be absent (null): a creation takes the
 * defaults for what is absent, an update keeps what the client has. Nothing here is validated
 * yet; {@link ClientAdministration} does that, reporting every problem at once.
 *
 * @param clientType {@code CONFIDENTIAL} or {@code PUBLIC} as given (validated later)
 * @param accessTokenTtlSeconds the vendor's {@code accessTokenExpirationTimeout}
 * @param refreshTokenTtlSeconds the vendor's {@code refreshTokenExpirationTimeout}
 */
public record ClientDraft(
        String id,
        Secret secret,
        String name,
        String description,
        String clientType,
        List<String> grantTypes,
        List<String> authorities,
        List<String> scope,
        List<String> redirectUris,
        Long accessTokenTtlSeconds,
        Long refreshTokenTtlSeconds,
        List<String> contactCenterIds) {

    /** Nothing asked: an update that changes nothing. */
    public static final ClientDraft EMPTY = new ClientDraft(null, null, null, null, null, null, null, null, null,
            null, null, null);

    public ClientDraft withRedirectUris(List<String> uris) {
        return new ClientDraft(id, secret, name, description, clientType, grantTypes, authorities, scope, uris,
                accessTokenTtlSeconds, refreshTokenTtlSeconds, contactCenterIds);
    }
}
