package dev.authbridge.client;

import dev.authbridge.audit.AuditEvent;
import dev.authbridge.audit.AuditEvent.Outcome;
import dev.authbridge.audit.AuditEventType;
import dev.authbridge.audit.AuditLog;
import dev.authbridge.audit.Origin;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.error.DomainException;
import dev.authbridge.token.TokenAdmin;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one code path that changes the registered clients, for the ops API and the
 * {@code authbridge clients} command alike. The clients of {@code config.yaml} are listed and
 * shown but never changed here ({@link ClientConflictException}, {@code CLIENT_READ_ONLY}), and
 * their ids cannot be taken. A definition is checked by {@link ClientRules} (every problem at
 * once); a confidential client created without a secret gets one, returned in {@link Created}
 * only, and the store keeps its bcrypt hash alone. Every change, made or refused, is an audit
 * line ({@code client_created}, {@code client_updated}, {@code client_deleted}) naming the
 * operator. Deleting a client revokes every token issued to it: they stop working at once, on
 * every instance (their rows say so).
 */
public final class ClientAdministration {
    private final Map<String, ClientConfig> configured = new LinkedHashMap<>();
    private final ClientStore store;
    private final TokenAdmin tokens;
    private final ClientSecrets secrets;
    private final AuditLog audit;
    private final Clock clock;
    private final int maxClients;
    private final boolean acceptsAssertions;

    /** Who asks for a change, for the audit line: the operator's name and the way in. */
    public record Actor(String name, String channel, Origin origin) {
        /** An operator of the ops API, by the name they authenticated with. */
        public static Actor opsApi(String user, Origin origin) {
            return new Actor(user, "ops_api", origin);
        }

        /** Whoever runs {@code authbridge clients} on the host. */
        public static Actor commandLine() {
            return new Actor(null, "command_line", Origin.NONE);
        }
    }

    /** A client created; {@code generatedSecret} is the secret made for it (null when it had one or none). */
    public record Created(RegisteredClient client, String generatedSecret) {}

    /** A client deleted, and how many of its tokens were revoked. */
    public record Deleted(String id, int revokedTokens) {}

    /**
     * @param configured the clients of {@code config.yaml}
     * @param maxClients how many clients the store may hold ({@code ops.maxClients})
     * @param acceptsAssertions whether {@code trustedIssuers} are configured: without, no client may
     *     be registered for the assertion grant (as the loader says of {@code config.yaml}'s)
     */
    public ClientAdministration(List<ClientConfig> configured, ClientStore store, TokenAdmin tokens,
            ClientSecrets secrets, AuditLog audit, Clock clock, int maxClients, boolean acceptsAssertions) {
        configured.forEach(c -> this.configured.put(c.id(), c));
        this.store = store;
        this.tokens = tokens;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
        this.maxClients = maxClients;
        this.acceptsAssertions = acceptsAssertions;
    }

    /** The clients of the configuration, then those of the store, by id. */
    public List<RegisteredClient> list() {
        List<RegisteredClient> all = new ArrayList<>(configured.values().stream().map(RegisteredClient::of).toList());
        store.list().stream().filter(c -> !configured.containsKey(c.id())).forEach(all::add);
        return all;
    }

    /** @throws UnknownClientException when no client has the id */
    public RegisteredClient get(String id) {
        return find(id).orElseThrow(() -> new UnknownClientException(id));
    }

    /**
     * Registers a client in the store.
     *
     * @throws InvalidClientException listing every problem of the definition
     * @throws ClientConflictException when the id is taken or the store is full
     */
    public Created create(ClientDraft draft, Actor actor) {
        return audited(AuditEventType.CLIENT_CREATED, draft.id(), actor, () -> {
            if (draft.id() != null && configured.containsKey(draft.id())) {
                throw ClientConflictException.exists();
            }
            Instant now = clock.instant();
            String generated = draft.secret() == null ? secrets.generate() : null;
            ClientRules.Resolved resolved = ClientRules.resolve(draft, null, generated, now, acceptsAssertions);
            RegisteredClient client = hashed(resolved);
            switch (store.insert(client, maxClients)) {
                case EXISTS -> throw ClientConflictException.exists();
                case FULL -> throw ClientConflictException.limitReached(maxClients);
                case CREATED -> { }
            }
            boolean shown = generated != null && generated.equals(resolved.newSecret());
            return new Created(client, shown ? generated : null);
        });
    }

    /**
     * Changes the fields {@code changes} gives of a store client; the others stay.
     *
     * @throws UnknownClientException when no client has the id
     * @throws ClientConflictException when it is a client of the configuration
     * @throws InvalidClientException listing every problem of the resulting definition
     */
    public RegisteredClient update(String id, ClientDraft changes, Actor actor) {
        return audited(AuditEventType.CLIENT_UPDATED, id, actor, () -> {
            RegisteredClient existing = storeClient(id);
            RegisteredClient client = hashed(ClientRules.resolve(changes, existing, null, clock.instant(), acceptsAssertions));
            if (!store.replace(client)) {
                throw new UnknownClientException(id); // deleted meanwhile
            }
            return client;
        });
    }

    /**
     * Deletes a store client and revokes every token issued to it.
     *
     * @throws UnknownClientException when no client has the id
     * @throws ClientConflictException when it is a client of the configuration
     */
    public Deleted delete(String id, Actor actor) {
        return audited(AuditEventType.CLIENT_DELETED, id, actor, () -> {
            storeClient(id);
            if (!store.delete(id)) {
                throw new UnknownClientException(id);
            }
            // After the row is gone no new token can be issued to it: revoking now leaves none alive.
            int revoked = tokens.revokeClient(id, clock.instant());
            return new Deleted(id, revoked);
        });
    }

    private Optional<RegisteredClient> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        ClientConfig fromConfig = configured.get(id);
        if (fromConfig != null) {
            return Optional.of(RegisteredClient.of(fromConfig));
        }
        return ClientRules.isPlausibleId(id) ? store.find(id) : Optional.empty();
    }

    private RegisteredClient storeClient(String id) {
        if (id != null && configured.containsKey(id)) {
            throw ClientConflictException.readOnly();
        }
        return find(id).orElseThrow(() -> new UnknownClientException(id));
    }

    private RegisteredClient hashed(ClientRules.Resolved resolved) {
        RegisteredClient c = resolved.client();
        if (resolved.newSecret() == null) {
            return c;
        }
        return new RegisteredClient(c.id(), c.type(), secrets.hash(resolved.newSecret()), c.name(), c.description(),
                c.grantTypes(), c.authorities(), c.scope(), c.redirectUris(), c.accessTokenTtl(), c.refreshTokenTtl(),
                c.contactCenterIds(), false, c.createdAt(), c.updatedAt());
    }

    /** Runs {@code change}; writes its audit line, a refusal's with the refusal's code. */
    private <T> T audited(AuditEventType type, String id, Actor actor, Supplier<T> change) {
        AuditEvent.Builder line = AuditEvent.of(type, Outcome.SUCCESS);
        try {
            T result = change.get();
            if (result instanceof Deleted deleted) {
                line.detail("revokedTokens", deleted.revokedTokens());
            }
            audit.record(describe(line, id, actor).build());
            return result;
        } catch (DomainException e) {
            String reason = e.problem().code() == null ? "refused" : e.problem().code().toLowerCase(Locale.ROOT);
            audit.record(describe(AuditEvent.of(type, Outcome.FAILURE), id, actor).reason(reason).build());
            throw e;
        }
    }

    private static AuditEvent.Builder describe(AuditEvent.Builder line, String id, Actor actor) {
        return line.client(id).user(actor.name()).origin(actor.origin()).detail("by", actor.channel());
    }
}
