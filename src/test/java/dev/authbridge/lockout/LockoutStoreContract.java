package dev.authbridge.lockout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LockoutStore} must do, including under races: of failures recorded at once
 * for one key exactly one starts the lockout, and every failure is counted exactly once. An
 * implementation's test extends this and says how to open a fresh, empty store. The policy: 3
 * failures within 10 minutes lock for 1 minute, doubling up to 4, forgotten an hour after.
 */
abstract class LockoutStoreContract {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final LockoutPolicy POLICY = new LockoutPolicy(3, Duration.ofMinutes(10), Duration.ofMinutes(1),
            Duration.ofMinutes(4), Duration.ofHours(1));
    private static final String ACCOUNT = "6f1c2d3e-0000-4000-8000-000000000101";
    private static final String LABEL = "demo\\agent1";
    private static final String IP = "192.0.2.7";

    protected LockoutStore store;

    /** A fresh, empty store; the implementation's test closes what it opened. */
    protected abstract LockoutStore openStore();

    /**
     * The store {@link #openStore} opened, through a database of its own (another pool, as a
     * second authbridge instance has); the implementation's test closes it.
     */
    protected abstract LockoutStore openPeerStore();

    @BeforeEach
    void openFreshStore() {
        store = openStore();
    }

    private Optional<Lockout> fail(LockoutKind kind, String key, String label, Instant at) {
        return store.recordFailure(kind, key, label, at, POLICY);
    }

    /** {@code times} failures one second apart from {@code start}; the lockouts they started. */
    private List<Lockout> fail(int times, LockoutKind kind, String key, Instant start) {
        return fail(times, kind, key, LABEL, start);
    }

    private List<Lockout> fail(int times, LockoutKind kind, String key, String label, Instant start) {
        List<Lockout> started = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            fail(kind, key, label, start.plusSeconds(i)).ifPresent(started::add);
        }
        return started;
    }

    @Test
    void findWhenNothingRecordedThenEmpty() {
        assertEquals(Optional.empty(), store.find(LockoutKind.ACCOUNT, ACCOUNT));
        assertEquals(List.of(), store.findEither(LockoutKind.ACCOUNT, ACCOUNT, IP));
        assertEquals(0, store.failuresSince(LockoutKind.ACCOUNT, ACCOUNT, Instant.EPOCH));
    }

    @Test
    void recordFailureWhenBelowMaximumThenCountedAndNoLockout() {
        assertTrue(fail(2, LockoutKind.ACCOUNT, ACCOUNT, T0).isEmpty());

        assertEquals(2, store.failuresSince(LockoutKind.ACCOUNT, ACCOUNT, Instant.EPOCH));
        assertEquals(1, store.failuresSince(LockoutKind.ACCOUNT, ACCOUNT, T0), "counted after, not at, since");
        assertEquals(Optional.empty(), store.find(LockoutKind.ACCOUNT, ACCOUNT));
    }

    @Test
    void recordFailureWhenMaximumReachedThenLockoutStartsWithLabelAndFailuresDropped() {
        List<Lockout> started = fail(3, LockoutKind.ACCOUNT, ACCOUNT, T0);

        Lockout expected = new Lockout(LockoutKind.ACCOUNT, ACCOUNT, LABEL, 1, T0.plusSeconds(2),
                T0.plusSeconds(2).plus(Duration.ofMinutes(1)));
        assertEquals(List.of(expected), started);
        assertEquals(Optional.of(expected), store.find(LockoutKind.ACCOUNT, ACCOUNT));
        assertEquals(0, store.failuresSince(LockoutKind.ACCOUNT, ACCOUNT, Instant.EPOCH),
                "the next lockout needs a full count again");
    }

    @Test
    void recordFailureWhenLockedThenCountedButNoSecondLockout() {
        Lockout first = fail(3, LockoutKind.ACCOUNT, ACCOUNT, T0).get(0);

        assertTrue(fail(5, LockoutKind.ACCOUNT, ACCOUNT, T0.plusSeconds(10)).isEmpty());

        assertEquals(Optional.of(first), store.find(LockoutKind.ACCOUNT, ACCOUNT));
        assertEquals(5, store.failuresSince(LockoutKind.ACCOUNT, ACCOUNT, Instant.EPOCH));
    }

    @Test
    void recordFailureWhenLockedAgainThenStrikesGrowAndTimeDoublesUpToMaximum() {
        List<Long> minutes = new ArrayList<>();
        List<Integer> strikes = new ArrayList<>();
        Instant at = T0;
        for (int i = 0; i < 4; i++) {
            Lockout lockout = fail(3, LockoutKind.USER, LABEL, at).get(0);
            minutes.add(Duration.between(lockout.lockedAt(), lockout.lockedUntil()).toMinutes());
            strikes.add(lockout.strikes());
            at = lockout.lockedUntil();
        }

        assertEquals(List.of(1L, 2L, 4L, 4L), minutes);
        assertEquals(List.of(1, 2, 3, 4), strikes);
    }

    @Test
    void recordFailureWhenLastLockoutForgottenThenStrikesStartAgain() {
        Lockout first = fail(3, LockoutKind.USER, LABEL, T0).get(0);

        Lockout next = fail(3, LockoutKind.USER, LABEL, first.lockedUntil().plus(Duration.ofHours(1))).get(0);

        assertEquals(1, next.strikes());
    }

    @Test
    void recordFailureWhenOlderFailuresLeftTheWindowThenTheyDoNotCount() {
        fail(2, LockoutKind.IP, IP, T0);

        assertTrue(fail(2, LockoutKind.IP, IP, T0.plus(Duration.ofMinutes(10))).isEmpty());
        assertEquals(1, fail(1, LockoutKind.IP, IP, T0.plus(Duration.ofMinutes(10)).plusSeconds(5)).size());
    }

    @Test
    void recordFailureWhenSameKeyOfAnotherKindThenCountedApart() {
        fail(2, LockoutKind.IP, IP, T0);
        fail(2, LockoutKind.CLIENT_IP, IP, T0);

        assertEquals(2, store.failuresSince(LockoutKind.IP, IP, Instant.EPOCH));
        assertEquals(2, store.failuresSince(LockoutKind.CLIENT_IP, IP, Instant.EPOCH));
        assertEquals(Optional.empty(), store.find(LockoutKind.IP, IP));
    }

    @Test
    void findEitherWhenKeyAndAddressLockedThenBothAndAddressOfTheRightKind() {
        Lockout account = fail(3, LockoutKind.ACCOUNT, ACCOUNT, T0).get(0);
        Lockout address = fail(3, LockoutKind.IP, IP, T0).get(0);
        fail(3, LockoutKind.CLIENT_IP, IP, T0);

        List<Lockout> either = store.findEither(LockoutKind.ACCOUNT, ACCOUNT, IP);

        assertEquals(2, either.size());
        assertTrue(either.containsAll(List.of(account, address)));
        assertEquals(List.of(account), store.findEither(LockoutKind.ACCOUNT, ACCOUNT, null));
        assertEquals(List.of(address), store.findEither(LockoutKind.ACCOUNT, "someone-else", IP));
        assertEquals(LockoutKind.CLIENT_IP, store.findEither(LockoutKind.CLIENT, "app", IP).get(0).kind());
    }

    @Test
    void standingWhenNothingRecordedThenNoLockoutsAndNoFailures() {
        assertEquals(new Standing(List.of(), false), store.standing(LockoutKind.ACCOUNT, ACCOUNT, IP));
        assertEquals(new Standing(List.of(), false), store.standing(LockoutKind.ACCOUNT, ACCOUNT, null));
    }

    @Test
    void standingWhenKeyAndAddressLockedAndFailuresCountedThenAllInOneRead() {
        Lockout account = fail(3, LockoutKind.ACCOUNT, ACCOUNT, T0).get(0);
        Lockout address = fail(3, LockoutKind.IP, IP, T0).get(0);
        fail(1, LockoutKind.ACCOUNT, ACCOUNT, account.lockedUntil());

        Standing standing = store.standing(LockoutKind.ACCOUNT, ACCOUNT, IP);

        assertEquals(2, standing.lockouts().size());
        assertTrue(standing.lockouts().containsAll(List.of(account, address)));
        assertTrue(standing.failuresCounted());
        assertEquals(new Standing(List.of(address), false), store.standing(LockoutKind.ACCOUNT, "someone-else", IP));
        assertEquals(new Standing(List.of(account), true), store.standing(LockoutKind.ACCOUNT, ACCOUNT, null));
    }

    @Test
    void standingWhenOnlyFailuresThenFailuresCountedAndNoLockout() {
        fail(2, LockoutKind.USER, LABEL, T0);

        assertEquals(new Standing(List.of(), true), store.standing(LockoutKind.USER, LABEL, IP));
        assertEquals(new Standing(List.of(), false), store.standing(LockoutKind.ACCOUNT, LABEL, IP), "another kind");
    }

    @Test
    void clearFailuresThenCountRestartsAndLockoutKept() {
        Lockout lockout = fail(3, LockoutKind.ACCOUNT, ACCOUNT, T0).get(0);
        fail(2, LockoutKind.ACCOUNT, ACCOUNT, lockout.lockedUntil());

        store.clearFailures(LockoutKind.ACCOUNT, ACCOUNT);
        store.clearFailures(LockoutKind.ACCOUNT, "nobody");

        assertEquals(0, store.failuresSince(LockoutKind.ACCOUNT, ACCOUNT, Instant.EPOCH));
        assertEquals(Optional.of(lockout), store.find(LockoutKind.ACCOUNT, ACCOUNT));
    }

    @Test
    void listWhenEndingAfterThenOnlyThoseLatestEndingFirst() {
        Lockout early = fail(3, LockoutKind.IP, IP, T0).get(0);
        Lockout late = fail(3, LockoutKind.ACCOUNT, ACCOUNT, T0.plusSeconds(30)).get(0);

        assertEquals(List.of(late, early), store.list(T0));
        assertEquals(List.of(late), store.list(early.lockedUntil()));
        assertEquals(List.of(), store.list(late.lockedUntil()));
    }

    @Test
    void clearThenLockoutAndFailuresOfThatKeyOnlyGone() {
        fail(3, LockoutKind.ACCOUNT, ACCOUNT, T0);
        fail(1, LockoutKind.ACCOUNT, ACCOUNT, T0.plusSeconds(10));
        Lockout other = fail(3, LockoutKind.IP, IP, T0).get(0);

        assertEquals(1, store.clear(LockoutKind.ACCOUNT, ACCOUNT));

        assertEquals(Optional.empty(), store.find(LockoutKind.ACCOUNT, ACCOUNT));
        assertEquals(0, store.failuresSince(LockoutKind.ACCOUNT, ACCOUNT, Instant.EPOCH));
        assertEquals(Optional.of(other), store.find(LockoutKind.IP, IP));
        assertEquals(0, store.clear(LockoutKind.ACCOUNT, ACCOUNT));
    }

    @Test
    void clearLabelledThenEveryKeyOfThatKindWithTheLabel() {
        String secondAccount = "6f1c2d3e-0000-4000-8000-000000000999";
        fail(3, LockoutKind.ACCOUNT, ACCOUNT, T0);
        fail(3, LockoutKind.ACCOUNT, secondAccount, T0);
        fail(LockoutKind.ACCOUNT, "third", LABEL, T0);
        Lockout otherLabel = fail(3, LockoutKind.ACCOUNT, "fourth", "demo\\agent2", T0).get(0);
        Lockout otherKind = fail(3, LockoutKind.USER, ACCOUNT, T0).get(0);

        assertEquals(2, store.clearLabelled(LockoutKind.ACCOUNT, LABEL));

        assertEquals(Optional.empty(), store.find(LockoutKind.ACCOUNT, ACCOUNT));
        assertEquals(Optional.empty(), store.find(LockoutKind.ACCOUNT, secondAccount));
        assertEquals(0, store.failuresSince(LockoutKind.ACCOUNT, "third", Instant.EPOCH), "a failure with the label");
        assertEquals(Optional.of(otherLabel), store.find(LockoutKind.ACCOUNT, "fourth"));
        assertEquals(Optional.of(otherKind), store.find(LockoutKind.USER, ACCOUNT));
    }

    @Test
    void clearAllThenNothingLeft() {
        fail(3, LockoutKind.ACCOUNT, ACCOUNT, T0);
        fail(3, LockoutKind.IP, IP, T0);
        fail(1, LockoutKind.CLIENT, "app", T0);

        assertEquals(2, store.clearAll());

        assertEquals(List.of(), store.list(Instant.EPOCH));
        assertEquals(0, store.failuresSince(LockoutKind.CLIENT, "app", Instant.EPOCH));
    }

    @Test
    void purgeThenOldFailuresAndLongEndedLockoutsDeletedAndCounted() {
        Lockout ended = fail(3, LockoutKind.ACCOUNT, ACCOUNT, T0).get(0);
        fail(1, LockoutKind.IP, IP, T0);
        fail(1, LockoutKind.IP, IP, T0.plus(Duration.ofMinutes(30)));
        Lockout recent = fail(3, LockoutKind.CLIENT, "app", T0.plus(Duration.ofMinutes(30))).get(0);

        assertEquals(2, store.purge(T0.plus(Duration.ofMinutes(20)), ended.lockedUntil().plusMillis(1)));

        assertEquals(Optional.empty(), store.find(LockoutKind.ACCOUNT, ACCOUNT));
        assertEquals(1, store.failuresSince(LockoutKind.IP, IP, Instant.EPOCH));
        assertEquals(Optional.of(recent), store.find(LockoutKind.CLIENT, "app"));
    }

    @Test
    void recordFailureWhenSixteenThreadsAtOnceThenExactlyOneLockoutAndEveryFailureCounted() {
        for (int round = 0; round < 5; round++) {
            String key = ACCOUNT + "-" + round;

            List<Optional<Lockout>> results = Race.run(16, () -> fail(LockoutKind.ACCOUNT, key, LABEL, T0));

            assertEquals(1, results.stream().filter(Optional::isPresent).count(), "round " + round);
            assertEquals(1, store.find(LockoutKind.ACCOUNT, key).orElseThrow().strikes(), "round " + round);
            assertEquals(13, store.failuresSince(LockoutKind.ACCOUNT, key, Instant.EPOCH),
                    "3 counted and dropped with the lockout, 13 recorded while locked (round " + round + ")");
        }
    }

    @Test
    void recordFailureWhenTwoInstancesCountAtOnceThenExactlyOneLockoutAndEveryFailureCounted() {
        LockoutStore peer = openPeerStore();
        for (int round = 0; round < 5; round++) {
            String key = ACCOUNT + "-" + round;
            List<Callable<Optional<Lockout>>> failures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                LockoutStore instance = i % 2 == 0 ? store : peer;
                failures.add(() -> instance.recordFailure(LockoutKind.ACCOUNT, key, LABEL, T0, POLICY));
            }

            List<Optional<Lockout>> results = Race.run(failures);

            assertEquals(1, results.stream().filter(Optional::isPresent).count(), "round " + round);
            assertEquals(1, peer.find(LockoutKind.ACCOUNT, key).orElseThrow().strikes(), "round " + round);
            assertEquals(13, store.failuresSince(LockoutKind.ACCOUNT, key, Instant.EPOCH), "round " + round);
        }
    }

    @Test
    void recordFailureWhenManyKeysAtOnceThenEachCountedExactly() {
        List<Callable<Optional<Lockout>>> failures = new ArrayList<>();
        for (int key = 0; key < 8; key++) {
            String name = "key-" + key;
            for (int i = 0; i < 2; i++) {
                failures.add(() -> fail(LockoutKind.USER, name, null, T0));
            }
        }

        List<Optional<Lockout>> results = Race.run(failures);

        assertTrue(results.stream().allMatch(Optional::isEmpty));
        for (int key = 0; key < 8; key++) {
            assertEquals(2, store.failuresSince(LockoutKind.USER, "key-" + key, Instant.EPOCH));
        }
    }

    @Test
    void recordFailureWhenLockedOutKeyRacesItsNextLockoutThenStrikesCountedOnce() {
        Lockout first = fail(3, LockoutKind.ACCOUNT, ACCOUNT, T0).get(0);
        Instant afterFirst = first.lockedUntil();

        List<Optional<Lockout>> results = Race.run(12, () -> fail(LockoutKind.ACCOUNT, ACCOUNT, LABEL, afterFirst));

        assertEquals(1, results.stream().filter(Optional::isPresent).count());
        Lockout second = store.find(LockoutKind.ACCOUNT, ACCOUNT).orElseThrow();
        assertEquals(2, second.strikes());
        assertEquals(Duration.ofMinutes(2), Duration.between(second.lockedAt(), second.lockedUntil()));
        assertEquals(9, store.failuresSince(LockoutKind.ACCOUNT, ACCOUNT, Instant.EPOCH));
    }
}
