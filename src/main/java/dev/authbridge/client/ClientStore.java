package dev.authbridge.client;

import java.util.List;
import java.util.Optional;

/**
 * The clients registered at run time, shared by every instance on the store. Every
 * implementation passes {@code ClientStoreContract}. Races are decided in the store: two
 * creations of one id, or a creation racing the bound, leave one winner.
 */
public interface ClientStore {

    /** How an {@link #insert} ended. */
    enum Insertion {
        CREATED,
        /** A client with that id is in the store already: nothing written. */
        EXISTS,
        /** The store holds {@code maxClients} already: nothing written. */
        FULL
    }

    /** Every client, by id. */
    List<RegisteredClient> list();

    Optional<RegisteredClient> find(String id);

    /** Adds {@code client} unless its id is taken or the store holds {@code maxClients} already. */
    Insertion insert(RegisteredClient client, int maxClients);

    /** Replaces the client of the same id; false when there is none (deleted meanwhile). */
    boolean replace(RegisteredClient client);

    /** Deletes the client; false when there was none. */
    boolean delete(String id);
}
