package dev.authbridge.client;

import dev.authbridge.error.DomainException;
import dev.authbridge.error.Problem;

/**
 * A change the registry cannot make as things are: 409 with the reason as the code — the id is
 * taken ({@code CLIENT_EXISTS}), the client is one of {@code config.yaml}
 * ({@code CLIENT_READ_ONLY}), or the store holds {@code ops.maxClients} already
 * ({@code CLIENT_LIMIT_REACHED}).
 */
public class ClientConflictException extends DomainException {

    private ClientConflictException(String reason, String description) {
        super(Problem.of(409, reason, description));
    }

    static ClientConflictException exists() {
        return new ClientConflictException("CLIENT_EXISTS", "A client with this client_id is registered already");
    }

    static ClientConflictException readOnly() {
        return new ClientConflictException("CLIENT_READ_ONLY",
                "This client is defined in config.yaml: change it there (it is read-only here)");
    }

    static ClientConflictException limitReached(int max) {
        return new ClientConflictException("CLIENT_LIMIT_REACHED",
                "The store holds " + max + " clients already (ops.maxClients)");
    }
}
