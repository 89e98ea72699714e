package dev.authbridge.client;

import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.ClientConfig;
import java.util.Optional;

/**
 * The registered client of an id, for everything that must know a client: client authentication
 * (RFC 6749 §2.3), the grants, the authorization endpoint's redirect URI check, sign-out's
 * redirect check. An answer is current: a client deleted a moment ago, on any instance, is not
 * found.
 */
@FunctionalInterface
public interface ClientRegistry {

    /**
     * The client registered under {@code id}, exactly as given (ids compare exactly).
     *
     * @throws dev.authbridge.store.StoreUnavailableException when the store must be asked and cannot answer
     */
    Optional<ClientConfig> client(String id);

    /** Only the clients of {@code config.yaml} (tests, and commands that need no store). */
    static ClientRegistry of(AuthbridgeConfig config) {
        return config::client;
    }
}
