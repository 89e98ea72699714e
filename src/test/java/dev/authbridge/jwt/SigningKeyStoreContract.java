package dev.authbridge.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.config.SigningAlgorithm;
import dev.authbridge.testing.Race;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SigningKeyStore} must do, including under races: one {@code ACTIVE} and one
 * {@code NEXT} key whoever adds them at once, and rotations racing each other each promoting a
 * key once. An implementation's test extends this and says how to open a fresh, empty store.
 * ES256 keys: they are quick to make.
 */
abstract class SigningKeyStoreContract {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    protected SigningKeyStore store;

    /** A fresh, empty store; the implementation's test closes what it opened. */
    protected abstract SigningKeyStore openStore();

    /**
     * The store {@link #openStore} opened, through a database of its own (another pool, as a
     * second authbridge instance has); the implementation's test closes it.
     */
    protected abstract SigningKeyStore openPeerStore();

    @BeforeEach
    void openFreshStore() {
        store = openStore();
    }

    private static SigningKey key(KeyStatus status, Instant createdAt) {
        return SigningKey.generate(SigningAlgorithm.ES256, status, createdAt);
    }

    private List<SigningKey> with(KeyStatus status) {
        return store.all().stream().filter(k -> k.status() == status).toList();
    }

    /** An ACTIVE and a NEXT key, as a key ring installs them. */
    private SigningKey[] installed() {
        SigningKey active = key(KeyStatus.ACTIVE, T0);
        SigningKey next = key(KeyStatus.NEXT, T0.plusSeconds(1));
        assertTrue(store.addIfAbsent(active));
        assertTrue(store.addIfAbsent(next));
        return new SigningKey[] {active, next};
    }

    @Test
    void allWhenEmptyThenEmpty() {
        assertEquals(List.of(), store.all());
    }

    @Test
    void addIfAbsentWhenNoneOfThatStatusThenAddedWithPrivateHalfAndNewestFirst() {
        SigningKey[] keys = installed();

        assertEquals(List.of(keys[1], keys[0]), store.all());
        assertTrue(store.all().get(1).jwk().isPrivate(), "an active key keeps its private half");
    }

    @Test
    void addIfAbsentWhenOneOfThatStatusExistsThenFalseAndNothingAdded() {
        installed();

        assertFalse(store.addIfAbsent(key(KeyStatus.ACTIVE, T0.plusSeconds(5))));
        assertFalse(store.addIfAbsent(key(KeyStatus.NEXT, T0.plusSeconds(5))));

        assertEquals(2, store.all().size());
    }

    @Test
    void addIfAbsentWhenRetiredThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> store.addIfAbsent(key(KeyStatus.RETIRED, T0)));
        assertEquals(List.of(), store.all());
    }

    @Test
    void addIfAbsentWhenEightThreadsRaceThenExactlyOneAdded() {
        List<Callable<Boolean>> adds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            SigningKey active = key(KeyStatus.ACTIVE, T0);
            adds.add(() -> store.addIfAbsent(active));
        }

        List<Boolean> added = Race.run(adds);

        assertEquals(1, added.stream().filter(a -> a).count());
        assertEquals(1, store.all().size());
    }

    @Test
    void rotateWhenActiveAndNextThenNextSignsOldRetiresPublicOnlyAndNewNextAdded() {
        SigningKey[] keys = installed();
        SigningKey newNext = key(KeyStatus.NEXT, T0.plusSeconds(2));
        Instant at = T0.plusSeconds(60);

        assertTrue(store.rotate(newNext, at));

        assertEquals(keys[1].kid(), with(KeyStatus.ACTIVE).get(0).kid());
        assertTrue(with(KeyStatus.ACTIVE).get(0).jwk().isPrivate());
        assertEquals(List.of(newNext), with(KeyStatus.NEXT));
        SigningKey retired = with(KeyStatus.RETIRED).get(0);
        assertEquals(keys[0].kid(), retired.kid());
        assertEquals(at, retired.retiredAt());
        assertFalse(retired.jwk().isPrivate(), "private half erased at retirement");
        assertEquals(keys[0].publicJwk(), retired.jwk());
    }

    @Test
    void rotateWhenNoKeysOrNoNextThenFalseAndNothingChanged() {
        assertFalse(store.rotate(key(KeyStatus.NEXT, T0), T0));
        assertEquals(List.of(), store.all());

        SigningKey active = key(KeyStatus.ACTIVE, T0);
        store.addIfAbsent(active);
        assertFalse(store.rotate(key(KeyStatus.NEXT, T0), T0));
        assertEquals(List.of(active), store.all());
    }

    @Test
    void rotateWhenOnlyNextThenFalseAndNextKept() {
        SigningKey next = key(KeyStatus.NEXT, T0);
        store.addIfAbsent(next);

        assertFalse(store.rotate(key(KeyStatus.NEXT, T0.plusSeconds(1)), T0.plusSeconds(2)));

        assertEquals(List.of(next), store.all());
    }

    @Test
    void rotateWhenNewKeyNotNextThenRefused() {
        installed();

        assertThrows(IllegalArgumentException.class, () -> store.rotate(key(KeyStatus.ACTIVE, T0), T0));
        assertEquals(2, store.all().size());
    }

    @Test
    void rotateIfActiveWhenActiveKeyIsAnotherThenFalseAndNothingChanged() {
        SigningKey[] keys = installed();

        assertFalse(store.rotateIfActive(keys[1].kid(), key(KeyStatus.NEXT, T0.plusSeconds(5)), T0.plusSeconds(10)));

        assertEquals(keys[0].kid(), with(KeyStatus.ACTIVE).get(0).kid());
        assertEquals(keys[1].kid(), with(KeyStatus.NEXT).get(0).kid());
        assertEquals(2, store.all().size());
    }

    @Test
    void rotateIfActiveWhenTwoInstancesPromoteTheSameKeyAtOnceThenExactlyOneDoes() {
        SigningKeyStore peer = openPeerStore();
        SigningKey[] keys = installed();
        List<Callable<Boolean>> rotations = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            SigningKeyStore instance = i % 2 == 0 ? store : peer;
            SigningKey newNext = key(KeyStatus.NEXT, T0.plusSeconds(10 + i));
            rotations.add(() -> instance.rotateIfActive(keys[0].kid(), newNext, T0.plusSeconds(100)));
        }

        List<Boolean> rotated = Race.run(rotations);

        assertEquals(1, rotated.stream().filter(r -> r).count(), "the key was promoted once");
        assertEquals(keys[1].kid(), with(KeyStatus.ACTIVE).get(0).kid());
        assertEquals(List.of(keys[0].kid()), with(KeyStatus.RETIRED).stream().map(SigningKey::kid).toList());
        assertEquals(3, peer.all().size());
    }

    @Test
    void rotateWhenEightThreadsRaceThenEachPromotesTheKeyTheOneBeforeItMade() {
        SigningKey[] keys = installed();
        Set<String> made = new HashSet<>();
        List<Callable<Boolean>> rotations = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            SigningKey newNext = key(KeyStatus.NEXT, T0.plusSeconds(10 + i));
            made.add(newNext.kid());
            rotations.add(() -> store.rotate(newNext, T0.plusSeconds(100)));
        }

        List<Boolean> rotated = Race.run(rotations);

        assertEquals(List.of(true, true, true, true, true, true, true, true), rotated);
        List<SigningKey> all = store.all();
        assertEquals(10, all.size());
        assertEquals(1, with(KeyStatus.ACTIVE).size());
        assertEquals(1, with(KeyStatus.NEXT).size());
        List<SigningKey> retired = with(KeyStatus.RETIRED);
        assertEquals(8, retired.size());
        assertTrue(retired.stream().noneMatch(k -> k.jwk().isPrivate()), "every retired key lost its private half");
        Set<String> retiredKids = retired.stream().map(SigningKey::kid).collect(Collectors.toSet());
        assertTrue(retiredKids.contains(keys[0].kid()) && retiredKids.contains(keys[1].kid()),
                "the first active key and the first next key, promoted once, both retired");
        assertTrue(made.contains(with(KeyStatus.ACTIVE).get(0).kid()), "the active key is one a rotation made");
        assertTrue(made.contains(with(KeyStatus.NEXT).get(0).kid()));
    }

    @Test
    void discardNextWhenNextThenTrueAndWhenActiveOrUnknownThenFalse() {
        SigningKey[] keys = installed();

        assertFalse(store.discardNext(keys[0].kid()));
        assertFalse(store.discardNext("unknown"));
        assertTrue(store.discardNext(keys[1].kid()));

        assertEquals(List.of(keys[0]), store.all());
    }

    @Test
    void deleteRetiredBeforeThenOnlyKeysRetiredBeforeTheCutoff() {
        installed();
        store.rotate(key(KeyStatus.NEXT, T0.plusSeconds(2)), T0.plusSeconds(100));
        store.rotate(key(KeyStatus.NEXT, T0.plusSeconds(3)), T0.plusSeconds(200));

        assertEquals(0, store.deleteRetiredBefore(T0.plusSeconds(100)), "retired at the cutoff is kept");
        assertEquals(1, store.deleteRetiredBefore(T0.plusSeconds(150)));

        List<SigningKey> retired = with(KeyStatus.RETIRED);
        assertEquals(1, retired.size());
        assertEquals(T0.plusSeconds(200), retired.get(0).retiredAt());
        assertEquals(1, with(KeyStatus.ACTIVE).size());
        assertNull(with(KeyStatus.ACTIVE).get(0).retiredAt());
    }
}
