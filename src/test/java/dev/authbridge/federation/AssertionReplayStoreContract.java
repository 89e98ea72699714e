package dev.authbridge.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.Race;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AssertionReplayStore} must do: a use recorded once per {@code (issuer, jti)},
 * however many record it at once, from one instance or two; issuers kept apart; forgotten only
 * once it has expired. An implementation's test extends this and says how to open a fresh, empty
 * store and a second instance on the same data.
 */
abstract class AssertionReplayStoreContract {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final String IDP = "https://idp.example.com";

    protected AssertionReplayStore store;

    /** A fresh, empty store; the implementation's test closes what it opened. */
    protected abstract AssertionReplayStore openStore();

    /** The store {@link #openStore} opened, through a database of its own (another instance's pool). */
    protected abstract AssertionReplayStore openPeerStore();

    @BeforeEach
    void openFreshStore() {
        store = openStore();
    }

    @Test
    void firstUseWhenNewThenTrueAndWhenAgainThenFalse() {
        assertTrue(store.firstUse(IDP, "jti-1", T0.plusSeconds(60)));

        assertFalse(store.firstUse(IDP, "jti-1", T0.plusSeconds(60)));
        assertFalse(store.firstUse(IDP, "jti-1", T0.plusSeconds(3600)), "a later expiry is the same token");
    }

    @Test
    void forgetWhenUsedThenUsableOnceMoreAndOthersKept() {
        assertTrue(store.firstUse(IDP, "jti-1", T0.plusSeconds(60)));
        assertTrue(store.firstUse(IDP, "jti-2", T0.plusSeconds(60)));

        store.forget(IDP, "jti-1");
        store.forget(IDP, "never-used");

        assertTrue(store.firstUse(IDP, "jti-1", T0.plusSeconds(60)));
        assertFalse(store.firstUse(IDP, "jti-1", T0.plusSeconds(60)));
        assertFalse(store.firstUse(IDP, "jti-2", T0.plusSeconds(60)), "only the one forgotten");
    }

    @Test
    void firstUseWhenSameJtiOfAnotherIssuerThenTrue() {
        assertTrue(store.firstUse(IDP, "jti-1", T0));

        assertTrue(store.firstUse("https://other.example.com", "jti-1", T0));
    }

    @Test
    void firstUseWhenIssuerAndJtiConcatenateAlikeThenKeptApart() {
        assertTrue(store.firstUse("https://idp.example.com/a", "b", T0));

        assertTrue(store.firstUse("https://idp.example.com/", "ab", T0));
    }

    @Test
    void firstUseWhenJtiLongestAllowedThenRecordedAndLongerThenRefused() {
        assertTrue(store.firstUse(IDP, "j".repeat(AssertionReplayStore.MAX_JTI_LENGTH), T0));

        assertThrows(IllegalArgumentException.class,
                () -> store.firstUse(IDP, "j".repeat(AssertionReplayStore.MAX_JTI_LENGTH + 1), T0));
        assertThrows(IllegalArgumentException.class, () -> store.firstUse(IDP, "", T0));
    }

    @Test
    void firstUseWhenJtiIsUnicodeOrSqlThenStoredAsItsKey() {
        for (String jti : List.of("'; DROP TABLE assertion_uses; --", "jti\u0000nul", "İstanbul-ıd", "\uD83D\uDE00")) {
            assertTrue(store.firstUse(IDP, jti, T0), jti);
            assertFalse(store.firstUse(IDP, jti, T0), jti);
        }
    }

    @Test
    void purgeExpiredWhenSomeExpiredThenOnlyThoseForgotten() {
        store.firstUse(IDP, "old", T0.minusSeconds(1));
        store.firstUse(IDP, "now", T0);
        store.firstUse(IDP, "later", T0.plusSeconds(1));

        assertEquals(1, store.purgeExpired(T0));

        assertTrue(store.firstUse(IDP, "old", T0.plusSeconds(60)), "forgotten once purged");
        assertFalse(store.firstUse(IDP, "now", T0.plusSeconds(60)));
        assertFalse(store.firstUse(IDP, "later", T0.plusSeconds(60)));
        assertEquals(0, store.purgeExpired(T0));
    }

    @Test
    void firstUseWhenSixteenThreadsRaceOneJtiThenExactlyOneFirst() {
        for (int round = 0; round < 5; round++) {
            String jti = "raced-" + round;

            List<Boolean> results = Race.run(16, () -> store.firstUse(IDP, jti, T0.plusSeconds(60)));

            assertEquals(1, results.stream().filter(first -> first).count(), "round " + round);
        }
    }

    @Test
    void firstUseWhenTwoInstancesRaceOneJtiThenExactlyOneFirst() {
        AssertionReplayStore peer = openPeerStore();
        for (int round = 0; round < 5; round++) {
            String jti = "two-instances-" + round;
            List<Callable<Boolean>> uses = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                AssertionReplayStore instance = i % 2 == 0 ? store : peer;
                uses.add(() -> instance.firstUse(IDP, jti, T0.plusSeconds(60)));
            }

            List<Boolean> results = Race.run(uses);

            assertEquals(1, results.stream().filter(first -> first).count(), "round " + round);
            assertFalse(peer.firstUse(IDP, jti, T0.plusSeconds(60)));
            assertFalse(store.firstUse(IDP, jti, T0.plusSeconds(60)));
        }
    }
}
