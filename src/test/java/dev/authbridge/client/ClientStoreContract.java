package dev.authbridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ClientStore} must do. An implementation's test extends this and says how to
 * open one on a fresh, empty store.
 */
abstract class ClientStoreContract {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    /** A fresh, empty store (the implementation's test closes what it opened). */
    protected abstract ClientStore openStore();

    static RegisteredClient client(String id) {
        return new RegisteredClient(id, ClientType.CONFIDENTIAL, "$2a$04$hash-of-" + id, "Name of " + id,
                "line one\nline two", List.of("password", "refresh_token"), List.of("ROLE_CLIENT"), List.of("openid", "*"),
                List.of("https://app.example.com/cb", "https://app.example.com"), Duration.ofSeconds(3600),
                Duration.ofDays(1), List.of("f91397f1-6bf6-4fcd-8623-4c4efd81e152"), false, T0, T0);
    }

    @Test
    void insertWhenNewThenFoundWithEveryField() {
        ClientStore store = openStore();
        RegisteredClient c = client("wwe");

        assertEquals(ClientStore.Insertion.CREATED, store.insert(c, 10));

        assertEquals(Optional.of(c), store.find("wwe"));
        assertEquals(List.of(c), store.list());
    }

    @Test
    void insertWhenPublicWithoutNameThenNullsKept() {
        ClientStore store = openStore();
        RegisteredClient c = new RegisteredClient("spa", ClientType.PUBLIC, null, null, null, List.of("authorization_code"),
                List.of(), List.of(), List.of(), Duration.ofSeconds(60), Duration.ofSeconds(120), List.of(), false, T0, T0);

        store.insert(c, 10);

        assertEquals(Optional.of(c), store.find("spa"));
    }

    @Test
    void insertWhenIdTakenThenExistsAndFirstKept() {
        ClientStore store = openStore();
        store.insert(client("wwe"), 10);
        RegisteredClient other = new RegisteredClient("wwe", ClientType.PUBLIC, null, "other", null, List.of("password"),
                List.of(), List.of(), List.of(), Duration.ofSeconds(60), Duration.ofSeconds(60), List.of(), false, T0, T0);

        assertEquals(ClientStore.Insertion.EXISTS, store.insert(other, 10));

        assertEquals("Name of wwe", store.find("wwe").orElseThrow().name());
    }

    @Test
    void insertWhenStoreFullThenFullAndNothingWritten() {
        ClientStore store = openStore();
        store.insert(client("a"), 2);
        store.insert(client("b"), 2);

        assertEquals(ClientStore.Insertion.FULL, store.insert(client("c"), 2));

        assertEquals(List.of("a", "b"), store.list().stream().map(RegisteredClient::id).toList());
    }

    @Test
    void insertWhenRacingForTheLastPlaceThenOneWins() {
        ClientStore store = openStore();
        AtomicInteger next = new AtomicInteger();

        List<ClientStore.Insertion> outcomes = Race.run(8, () -> store.insert(client("racer-" + next.incrementAndGet()), 1));

        assertEquals(1, outcomes.stream().filter(o -> o == ClientStore.Insertion.CREATED).count());
        assertEquals(1, store.list().size());
    }

    @Test
    void findWhenUnknownOrCaseDiffersThenEmpty() {
        ClientStore store = openStore();
        store.insert(client("wwe"), 10);

        assertTrue(store.find("nope").isEmpty());
        assertTrue(store.find("WWE").isEmpty(), "ids compare exactly");
    }

    @Test
    void replaceWhenPresentThenNewFieldsAndCreationKept() {
        ClientStore store = openStore();
        store.insert(client("wwe"), 10);
        RegisteredClient c = client("wwe");
        RegisteredClient changed = new RegisteredClient("wwe", ClientType.PUBLIC, null, "renamed", null,
                List.of("authorization_code"), List.of(), List.of(), List.of("https://new.example.com/cb"),
                Duration.ofSeconds(10), Duration.ofSeconds(20), List.of(), false, c.createdAt(), T0.plusSeconds(5));

        assertTrue(store.replace(changed));

        assertEquals(Optional.of(changed), store.find("wwe"));
    }

    @Test
    void replaceWhenAbsentThenFalse() {
        assertFalse(openStore().replace(client("ghost")));
    }

    @Test
    void deleteWhenPresentThenGoneAndSecondDeleteFalse() {
        ClientStore store = openStore();
        store.insert(client("wwe"), 10);
        store.insert(client("other"), 10);

        assertTrue(store.delete("wwe"));
        assertFalse(store.delete("wwe"));

        assertTrue(store.find("wwe").isEmpty());
        assertEquals(List.of("other"), store.list().stream().map(RegisteredClient::id).toList());
    }
}
