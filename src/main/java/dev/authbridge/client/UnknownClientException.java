package dev.authbridge.client;

import dev.authbridge.error.DomainException;
import dev.authbridge.error.Problem;

/** No client has the id: 404 {@code CLIENT_NOT_FOUND}. */
public class UnknownClientException extends DomainException {

    public UnknownClientException(String id) {
        super(Problem.of(404, "CLIENT_NOT_FOUND", "No client is registered with this client_id"),
                "no client " + id, null);
    }
}
