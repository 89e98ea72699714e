package dev.authbridge.client;

import dev.authbridge.config.ClientConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The clients of {@code config.yaml} first (no store is asked for them), then those of the
 * {@link ClientStore}, read on every lookup: a client created or deleted on any instance is
 * known, or gone, with the next request. A store client never shadows a configured one: the
 * administration refuses their ids, and a configured id is answered from the configuration.
 */
public final class StoreBackedClientRegistry implements ClientRegistry {
    private final Map<String, ClientConfig> configured;
    private final ClientStore store;
    private final ClientSecrets secrets;

    public StoreBackedClientRegistry(List<ClientConfig> configured, ClientStore store, ClientSecrets secrets) {
        this.configured = configured.stream().collect(Collectors.toUnmodifiableMap(ClientConfig::id, Function.identity()));
        this.store = store;
        this.secrets = secrets;
    }

    @Override
    public Optional<ClientConfig> client(String id) {
        if (id == null) {
            return Optional.empty();
        }
        ClientConfig fromConfig = configured.get(id);
        if (fromConfig != null) {
            return Optional.of(fromConfig);
        }
        if (!ClientRules.isPlausibleId(id)) {
            return Optional.empty(); // no store client can have it: the store is not asked
        }
        return store.find(id).map(c -> c.toConfig(secrets));
    }
}
