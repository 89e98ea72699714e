package dev.authbridge.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.Race;
import dev.authbridge.token.TokenOwner;
import dev.authbridge.token.TokenService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BrowserSessionStore} must do, including under races: a session ended while
 * other requests touch it stays ended. An implementation's test extends this and says how to
 * open a fresh, empty store.
 */
abstract class BrowserSessionStoreContract {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final TokenOwner AGENT = new TokenOwner("uuid-1", "uid=agent1,ou=people,dc=example,dc=com",
            "demo\\agent1", "f91397f1-6bf6-4fcd-8623-4c4efd81e152", T0);
    private static final TokenOwner OTHER = new TokenOwner("uuid-2", "uid=agent2,ou=people,dc=example,dc=com",
            "\\agent2", null, T0);

    protected BrowserSessionStore store;

    /** A fresh, empty store; the implementation's test closes what it opened. */
    protected abstract BrowserSessionStore openStore();

    @BeforeEach
    void openFreshStore() {
        store = openStore();
    }

    private BrowserSession saved(TokenOwner owner, Duration idle) {
        BrowserSession session = new BrowserSession(TokenService.hash(UUID.randomUUID().toString()), owner,
                Set.of("demo-client"), T0.plus(idle), T0.plus(Duration.ofHours(8)));
        store.save(session);
        return session;
    }

    @Test
    void findWhenSavedThenEqualRoundTripWithNullTenant() {
        BrowserSession agent = saved(AGENT, Duration.ofMinutes(30));
        BrowserSession other = saved(OTHER, Duration.ofMinutes(30));

        assertEquals(Optional.of(agent), store.find(agent.hash()));
        assertEquals(Optional.of(other), store.find(other.hash()));
    }

    @Test
    void findWhenUnknownThenEmpty() {
        assertEquals(Optional.empty(), store.find(TokenService.hash("no such session")));
    }

    @Test
    void touchWhenSessionExistsThenTrueAndOnlyIdleDeadlineMoved() {
        BrowserSession session = saved(AGENT, Duration.ofMinutes(30));

        assertTrue(store.touch(session.hash(), T0.plus(Duration.ofMinutes(45))));

        assertEquals(Optional.of(new BrowserSession(session.hash(), AGENT, session.clients(), T0.plus(Duration.ofMinutes(45)),
                session.expiresAt())), store.find(session.hash()));
        assertFalse(store.touch(TokenService.hash("no such session"), T0));
    }

    @Test
    void deleteWhenSessionExistsThenOneThenZero() {
        BrowserSession session = saved(AGENT, Duration.ofMinutes(30));
        BrowserSession kept = saved(AGENT, Duration.ofMinutes(30));

        assertEquals(1, store.delete(session.hash()));
        assertEquals(0, store.delete(session.hash()));

        assertEquals(Optional.empty(), store.find(session.hash()));
        assertTrue(store.find(kept.hash()).isPresent());
    }

    @Test
    void deleteSubjectWhenUserHasSessionsThenEveryOneOfThemAndNoOneElse() {
        BrowserSession first = saved(AGENT, Duration.ofMinutes(30));
        BrowserSession second = saved(AGENT, Duration.ofMinutes(10));
        BrowserSession other = saved(OTHER, Duration.ofMinutes(30));

        assertEquals(2, store.deleteSubject(AGENT.subject()));

        assertEquals(Optional.empty(), store.find(first.hash()));
        assertEquals(Optional.empty(), store.find(second.hash()));
        assertTrue(store.find(other.hash()).isPresent());
        assertEquals(0, store.deleteSubject(AGENT.subject()));
    }

    @Test
    void purgeExpiredWhenIdleDeadlinePassedThenOnlyThoseDeleted() {
        BrowserSession idle = saved(AGENT, Duration.ofMinutes(10));
        BrowserSession active = saved(AGENT, Duration.ofMinutes(30));

        assertEquals(0, store.purgeExpired(idle.idleExpiresAt()), "kept until its deadline, not at it");
        assertEquals(1, store.purgeExpired(idle.idleExpiresAt().plusMillis(1)));

        assertEquals(Optional.empty(), store.find(idle.hash()));
        assertTrue(store.find(active.hash()).isPresent());
    }

    @Test
    void addClientWhenClientsAddedThenEachRecordedOnceBesideTheFirst() {
        BrowserSession session = saved(AGENT, Duration.ofMinutes(30));

        store.addClient(session.hash(), "other");
        store.addClient(session.hash(), "other");
        store.addClient(session.hash(), "demo-client");

        assertEquals(Set.of("demo-client", "other"), store.find(session.hash()).orElseThrow().clients());
    }

    @Test
    void addClientWhenSessionEndedThenNothingRecordedAndNothingComesBack() {
        BrowserSession session = saved(AGENT, Duration.ofMinutes(30));
        store.delete(session.hash());

        store.addClient(session.hash(), "other");

        assertEquals(Optional.empty(), store.find(session.hash()));
    }

    @Test
    void addClientWhenEightClientsAtOnceThenNoneLost() throws Exception {
        BrowserSession session = saved(AGENT, Duration.ofMinutes(30));
        List<String> clients = IntStream.range(0, 8).mapToObj(i -> "client-" + i).toList();

        List<Callable<Void>> adds = new ArrayList<>();
        for (String client : clients) {
            adds.add(() -> {
                store.addClient(session.hash(), client);
                return null;
            });
        }
        Race.run(adds);

        Set<String> expected = new HashSet<>(clients);
        expected.add("demo-client");
        assertEquals(expected, store.find(session.hash()).orElseThrow().clients());
    }

    @Test
    void touchWhenSessionEndedAmidTouchesThenItStaysEnded() {
        for (int round = 0; round < 10; round++) {
            BrowserSession session = saved(AGENT, Duration.ofMinutes(30));
            List<Callable<Boolean>> requests = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                Instant idle = T0.plus(Duration.ofMinutes(31 + i));
                requests.add(() -> store.touch(session.hash(), idle));
            }
            requests.add(() -> store.delete(session.hash()) == 1);

            List<Boolean> results = Race.run(requests);

            assertTrue(results.get(7), "round " + round + ": the sign-out ended it");
            assertEquals(Optional.empty(), store.find(session.hash()), "round " + round);
            assertFalse(store.touch(session.hash(), T0.plus(Duration.ofHours(1))));
        }
    }
}
