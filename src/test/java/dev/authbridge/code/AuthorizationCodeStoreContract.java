package dev.authbridge.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.Race;
import dev.authbridge.token.TokenOwner;
import dev.authbridge.token.TokenService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuthorizationCodeStore} must do, including under races: a code redeemed
 * once however many redeem it at once, and a replay racing the recording of the tokens seen by
 * one side or the other. An implementation's test extends this and says how to open a fresh,
 * empty store.
 */
abstract class AuthorizationCodeStoreContract {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant LATER = T0.plusSeconds(10);
    private static final TokenOwner AGENT = new TokenOwner("uuid-1", "uid=agent1,ou=people,dc=example,dc=com",
            "demo\\agent1", "f91397f1-6bf6-4fcd-8623-4c4efd81e152", T0.minusSeconds(5));

    protected AuthorizationCodeStore store;

    /** A fresh, empty store; the implementation's test closes what it opened. */
    protected abstract AuthorizationCodeStore openStore();

    /**
     * The store {@link #openStore} opened, through a database of its own (another pool, as a
     * second authbridge instance has); the implementation's test closes it.
     */
    protected abstract AuthorizationCodeStore openPeerStore();

    @BeforeEach
    void openFreshStore() {
        store = openStore();
    }

    private static AuthorizationCode code(String challenge, String nonce, TokenOwner owner) {
        return new AuthorizationCode(TokenService.hash(UUID.randomUUID().toString()), "app", "https://app.example.com/cb",
                owner, "openid profile", challenge, nonce, owner.authTime(), T0, T0.plusSeconds(60), null, null, null,
                T0.plusSeconds(60));
    }

    private AuthorizationCode saved() {
        AuthorizationCode code = code("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "nonce-1", AGENT);
        store.save(code);
        return code;
    }

    @Test
    void findWhenSavedThenEqualRoundTrip() {
        AuthorizationCode code = saved();

        assertEquals(Optional.of(code), store.find(code.hash()));
    }

    @Test
    void findWhenNoChallengeNonceOrTenantThenNullsSurvive() {
        TokenOwner outsideTenants = new TokenOwner("uuid-2", "uid=x,dc=example,dc=com", "\\x", null, T0);
        AuthorizationCode code = code(null, null, outsideTenants);
        store.save(code);

        assertEquals(Optional.of(code), store.find(code.hash()));
    }

    @Test
    void findWhenUnknownThenEmpty() {
        assertEquals(Optional.empty(), store.find(TokenService.hash("never issued")));
    }

    @Test
    void markUsedWhenUnusedThenTrueOnceThenFalse() {
        AuthorizationCode code = saved();

        assertTrue(store.markUsed(code.hash(), LATER));
        assertFalse(store.markUsed(code.hash(), LATER.plusSeconds(1)));

        assertEquals(LATER, store.find(code.hash()).orElseThrow().usedAt());
        assertFalse(store.markUsed(TokenService.hash("unknown"), LATER));
    }

    @Test
    void markUsedWhenEightThreadsRaceThenExactlyOneWins() {
        for (int round = 0; round < 10; round++) {
            AuthorizationCode code = saved();

            List<Boolean> won = Race.run(8, () -> store.markUsed(code.hash(), LATER));

            assertEquals(1, won.stream().filter(w -> w).count(), "round " + round);
        }
    }

    @Test
    void markUsedWhenTwoInstancesRedeemOneCodeAtOnceThenExactlyOneWinsAndTheOtherSeesItUsed() {
        AuthorizationCodeStore peer = openPeerStore();
        for (int round = 0; round < 10; round++) {
            AuthorizationCode code = saved();
            List<Callable<Boolean>> redemptions = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                AuthorizationCodeStore instance = i % 2 == 0 ? store : peer;
                redemptions.add(() -> instance.markUsed(code.hash(), LATER));
            }

            List<Boolean> won = Race.run(redemptions);

            assertEquals(1, won.stream().filter(w -> w).count(), "round " + round + ": one token set");
            assertEquals(LATER, peer.find(code.hash()).orElseThrow().usedAt());
        }
    }

    @Test
    void recordTokensWhenNotReplayedThenTrueAndFamilyAndRetentionKept() {
        AuthorizationCode code = saved();
        store.markUsed(code.hash(), LATER);

        assertTrue(store.recordTokens(code.hash(), "family-1", LATER.plus(Duration.ofHours(1))));

        AuthorizationCode found = store.find(code.hash()).orElseThrow();
        assertEquals("family-1", found.tokenFamily());
        assertEquals(LATER.plus(Duration.ofHours(1)), found.retainUntil());
    }

    @Test
    void recordTokensWhenReplayedOrUnknownThenFalse() {
        AuthorizationCode code = saved();
        store.markUsed(code.hash(), LATER);
        assertEquals(Optional.empty(), store.markReplayed(code.hash(), LATER));

        assertFalse(store.recordTokens(code.hash(), "family-1", LATER.plus(Duration.ofHours(1))));
        assertFalse(store.recordTokens(TokenService.hash("unknown"), "family-2", LATER));
    }

    @Test
    void markReplayedWhenTokensRecordedThenTheirFamilyAndFirstReplayTimeKept() {
        AuthorizationCode code = saved();
        store.markUsed(code.hash(), LATER);
        store.recordTokens(code.hash(), "family-1", LATER.plus(Duration.ofHours(1)));

        assertEquals(Optional.of("family-1"), store.markReplayed(code.hash(), LATER.plusSeconds(1)));
        assertEquals(Optional.of("family-1"), store.markReplayed(code.hash(), LATER.plusSeconds(2)));

        assertEquals(LATER.plusSeconds(1), store.find(code.hash()).orElseThrow().replayedAt());
        assertEquals(Optional.empty(), store.markReplayed(TokenService.hash("unknown"), LATER));
    }

    @Test
    void recordTokensWhenReplayRacesItThenOneOfTheTwoSeesTheOther() {
        for (int round = 0; round < 40; round++) {
            AuthorizationCode code = saved();
            store.markUsed(code.hash(), LATER);
            String family = "family-" + round;
            Callable<Object> record = () -> store.recordTokens(code.hash(), family, LATER.plusSeconds(60));
            Callable<Object> replay = () -> store.markReplayed(code.hash(), LATER);

            List<Object> results = Race.run(List.of(record, replay));

            boolean recordSawReplay = !(Boolean) results.get(0);
            boolean replaySawTokens = ((Optional<?>) results.get(1)).isPresent();
            assertTrue(recordSawReplay || replaySawTokens, "round " + round + ": the tokens would outlive the replay");
        }
    }

    @Test
    void purgeExpiredWhenRetentionEndedThenOnlyThoseDeleted() {
        AuthorizationCode unused = saved();
        AuthorizationCode redeemed = saved();
        store.markUsed(redeemed.hash(), LATER);
        store.recordTokens(redeemed.hash(), "family-1", T0.plus(Duration.ofHours(2)));

        assertEquals(0, store.purgeExpired(unused.retainUntil()), "kept until its retention, not at it");
        assertEquals(1, store.purgeExpired(unused.retainUntil().plusMillis(1)));

        assertEquals(Optional.empty(), store.find(unused.hash()));
        assertTrue(store.find(redeemed.hash()).isPresent());
        assertEquals(1, store.purgeExpired(T0.plus(Duration.ofHours(3))));
    }
}
