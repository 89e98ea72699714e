package dev.authbridge.oauth;

import dev.authbridge.audit.Origin;
import dev.authbridge.client.ClientRegistry;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.lockout.ClientGuard;
import dev.authbridge.lockout.LockedOutException;
import java.util.Optional;

/**
 * Establishes which registered client is calling (RFC 6749 §2.3). Confidential clients must
 * prove their secret (compared in constant time); public clients must not send one. Guessing is
 * throttled (§2.3.1): a wrong secret or an unknown client id counts toward a lockout of that id
 * and of the address ({@link ClientGuard}), during which the answer is the same
 * {@code invalid_client} with {@code Retry-After}, whatever the secret.
 */
public final class ClientAuthenticator {
    static final String REFUSED = "unknown client or wrong secret";

    private final ClientRegistry clients;
    private final ClientGuard guard;

    public ClientAuthenticator(ClientRegistry clients, ClientGuard guard) {
        this.clients = clients;
        this.guard = guard;
    }

    /**
     * Whether a client of this id is registered now: asked again after tokens were issued to it,
     * so that a deletion racing the request leaves none of them alive.
     */
    public boolean isRegistered(String clientId) {
        return clients.client(clientId).isPresent();
    }

    /** @param origin the caller's address, for the lockout and the audit log */
    public ClientConfig authenticate(TokenRequest.ClientCredentials presented, Origin origin) {
        if (presented == null) {
            throw OAuthException.invalidClient("client authentication required");
        }
        Optional<ClientConfig> registered = clients.client(presented.id());
        if (registered.isPresent() && registered.get().isPublic()) {
            // Nothing to guess: a public client has no secret.
            if (presented.secret() != null) {
                throw OAuthException.invalidClient(REFUSED);
            }
            return registered.get();
        }
        if (registered.isPresent() && presented.secret() == null) {
            throw OAuthException.invalidClient(REFUSED); // no guess was made
        }
        try {
            if (registered.isPresent() && !registered.get().secret().isCheapToCheck(presented.secret().reveal())) {
                String candidate = presented.secret().reveal();
                // A slow hash (a store client's bcrypt): checked in the client's turn, after its lockout.
                if (!guard.checkSlowly(presented.id(), () -> registered.get().secret().matches(candidate), origin)) {
                    throw OAuthException.invalidClient(REFUSED);
                }
                return registered.get();
            }
            ClientGuard.Failure failure = registered.isEmpty() ? ClientGuard.Failure.UNKNOWN_CLIENT
                    : registered.get().secret().matches(presented.secret().reveal()) ? null
                    : ClientGuard.Failure.WRONG_SECRET;
            if (!guard.check(presented.id(), failure, origin)) {
                throw OAuthException.invalidClient(REFUSED);
            }
        } catch (LockedOutException e) {
            throw OAuthException.invalidClientThrottled(REFUSED, e.retryAfterSeconds());
        }
        return registered.get();
    }
}
