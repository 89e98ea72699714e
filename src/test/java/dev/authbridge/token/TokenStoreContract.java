package dev.authbridge.token;

import dev.authbridge.store.StoreUnavailableException;
import dev.authbridge.testing.MutableClock;
import dev.authbridge.testing.Race;

import static dev.authbridge.token.Tokens.ASMITH;
import static dev.authbridge.token.Tokens.JDOE;
import static dev.authbridge.token.Tokens.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TokenStore} must do, including under races: one refresh token used once, a
 * revocation that leaves nothing live behind however refreshes race it. An implementation's test
 * extends this and says how to open a fresh, empty store.
 */
abstract class TokenStoreContract {

    private static final Instant LATER = T0.plus(Duration.ofMinutes(1));

    protected TokenStore store;

    /** A fresh, empty store; the contract closes it after each test. */
    protected abstract TokenStore openStore();

    /**
     * The store {@link #openStore} opened, through a database of its own (another pool, as a
     * second authbridge instance has); the caller closes it.
     */
    protected abstract TokenStore openPeerStore();

    @BeforeEach
    void openFreshStore() {
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void findWhenSavedThenEqualRoundTrip() {
        StoredToken token = Tokens.refresh("fam-1", JDOE, "wwe");

        store.save(token);

        assertEquals(Optional.of(token), store.find(token.hash()));
    }

    @Test
    void findWhenClientCredentialsOwnerThenNullOwnerFieldsSurvive() {
        StoredToken token = new StoredToken(TokenService.hash("svc"), TokenKind.ACCESS, "fam-svc",
                TokenOwner.CLIENT, "reporting", null, T0, T0.plusSeconds(60), null, null);

        store.save(token);

        StoredToken found = store.find(token.hash()).orElseThrow();
        assertEquals(token, found);
        assertFalse(found.owner().isUser());
        assertNull(found.scope());
    }

    @Test
    void findWhenOwnerHasAuthTimeThenItSurvives() {
        TokenOwner signedInEarlier = new TokenOwner(JDOE.subject(), JDOE.userDn(), JDOE.userName(), JDOE.tenantId(),
                T0.minusSeconds(3600));
        StoredToken token = Tokens.refresh("fam-1", signedInEarlier, "wwe");

        store.save(token);

        assertEquals(T0.minusSeconds(3600), store.find(token.hash()).orElseThrow().owner().authTime());
        assertEquals(Optional.of(token), store.find(token.hash()));
    }

    @Test
    void findWhenUnknownThenEmpty() {
        assertEquals(Optional.empty(), store.find(TokenService.hash("never issued")));
    }

    @Test
    void saveAllWhenSignInThenBothTokensFound() {
        StoredToken refresh = Tokens.refresh("fam-1", JDOE, "wwe");
        StoredToken access = Tokens.access("fam-1", JDOE, "wwe");

        store.saveAll(List.of(refresh, access));

        assertEquals(Optional.of(refresh), store.find(refresh.hash()));
        assertEquals(Optional.of(access), store.find(access.hash()));
    }

    @Test
    void exchangeWhenRefreshLiveThenUsedAndNextSaved() {
        StoredToken old = save(Tokens.refresh("fam-1", JDOE, "wwe"));
        StoredToken next = Tokens.access("fam-1", JDOE, "wwe");

        assertTrue(store.exchange(old.hash(), true, List.of(next), LATER));

        assertEquals(LATER, store.find(old.hash()).orElseThrow().usedAt());
        assertEquals(Optional.of(next), store.find(next.hash()));
    }

    @Test
    void exchangeWhenRefreshUsedOrRevokedThenNothingSaved() {
        StoredToken used = save(Tokens.refresh("fam-1", JDOE, "wwe"));
        store.markUsed(used.hash(), LATER);
        StoredToken revoked = save(Tokens.refresh("fam-2", JDOE, "wwe"));
        store.revokeFamily("fam-2", LATER);
        StoredToken next = Tokens.access("fam-1", JDOE, "wwe");

        assertFalse(store.exchange(used.hash(), true, List.of(next), LATER));
        assertFalse(store.exchange(revoked.hash(), false, List.of(next), LATER));
        assertFalse(store.exchange(TokenService.hash("unknown"), true, List.of(next), LATER));
        assertEquals(Optional.empty(), store.find(next.hash()));
    }

    @Test
    void exchangeWhenNotMarkingThenRefreshStaysLive() {
        StoredToken kept = save(Tokens.refresh("fam-1", JDOE, "wwe"));
        StoredToken next = Tokens.access("fam-1", JDOE, "wwe");

        assertTrue(store.exchange(kept.hash(), false, List.of(next), LATER));

        assertNull(store.find(kept.hash()).orElseThrow().usedAt());
        assertEquals(Optional.of(next), store.find(next.hash()));
    }

    @Test
    void findWhenDelegatedTokenThenNestedActorSurvives() {
        Actor act = new Actor("gateway", "gateway", new Actor(ASMITH.subject(), "portal", null));
        StoredToken t = Tokens.access("fam-1", JDOE, "orders");
        StoredToken delegated = new StoredToken(t.hash(), t.kind(), t.family(), t.owner(), t.clientId(), t.scope(),
                t.issuedAt(), t.expiresAt(), null, null, act);

        store.save(delegated);

        StoredToken found = store.find(delegated.hash()).orElseThrow();
        assertEquals(act, found.act());
        assertEquals(delegated, found);
        assertNull(save(Tokens.access("fam-2", JDOE, "wwe")).act(), "a token of its own has no actor");
        assertNull(found.act().prior().prior());
    }

    @Test
    void exchangeWhenSubjectAccessTokenLiveThenSavedInItsFamilyAndRevokedWithIt() {
        StoredToken subject = save(Tokens.access("fam-1", JDOE, "wwe"));
        StoredToken exchanged = Tokens.access("fam-1", JDOE, "orders");

        assertTrue(store.exchange(subject.hash(), false, List.of(exchanged), LATER));
        assertTrue(store.find(subject.hash()).orElseThrow().isLive(LATER), "the subject token stays live");

        store.revokeFamily("fam-1", LATER);
        assertEquals(LATER, store.find(exchanged.hash()).orElseThrow().revokedAt());
    }

    @Test
    void exchangeWhenSubjectAccessTokenRevokedThenNothingSaved() {
        StoredToken subject = save(Tokens.access("fam-1", JDOE, "wwe"));
        store.revoke(subject.hash(), LATER);
        StoredToken exchanged = Tokens.access("fam-1", JDOE, "orders");

        assertFalse(store.exchange(subject.hash(), false, List.of(exchanged), LATER));
        assertEquals(Optional.empty(), store.find(exchanged.hash()));
    }

    @Test
    void markUsedWhenLiveThenTrueOnceThenFalse() {
        StoredToken token = save(Tokens.refresh("fam-1", JDOE, "wwe"));

        assertTrue(store.markUsed(token.hash(), LATER));
        assertFalse(store.markUsed(token.hash(), LATER.plusSeconds(1)));
        assertEquals(LATER, store.find(token.hash()).orElseThrow().usedAt());
    }

    @Test
    void markUsedWhenRevokedOrUnknownThenFalse() {
        StoredToken token = save(Tokens.refresh("fam-1", JDOE, "wwe"));
        store.revoke(token.hash(), LATER);

        assertFalse(store.markUsed(token.hash(), LATER));
        assertFalse(store.markUsed(TokenService.hash("unknown"), LATER));
        assertNull(store.find(token.hash()).orElseThrow().usedAt());
    }

    @Test
    void markUsedWhenEightThreadsRaceThenExactlyOneWins() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 10; round++) {
                StoredToken token = save(Tokens.refresh("fam-" + round, JDOE, "wwe"));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    results.add(threads.submit(() -> {
                        go.await();
                        return store.markUsed(token.hash(), LATER);
                    }));
                }
                go.countDown();
                int winners = 0;
                for (Future<Boolean> result : results) {
                    winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void exchangeWhenEightThreadsRaceThenOneWinsAndOnlyItsTokensAreSaved() {
        for (int round = 0; round < 10; round++) {
            StoredToken refresh = save(Tokens.refresh("fam-" + round, JDOE, "wwe"));
            List<List<StoredToken>> next = new ArrayList<>();
            List<Callable<Boolean>> exchanges = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                List<StoredToken> pair = List.of(Tokens.refresh("fam-" + round, JDOE, "wwe"),
                        Tokens.access("fam-" + round, JDOE, "wwe"));
                next.add(pair);
                exchanges.add(() -> store.exchange(refresh.hash(), true, pair, LATER));
            }

            List<Boolean> won = Race.run(exchanges);

            assertEquals(1, won.stream().filter(w -> w).count(), "round " + round);
            for (int i = 0; i < 8; i++) {
                for (StoredToken t : next.get(i)) {
                    assertEquals(won.get(i), store.find(t.hash()).isPresent(), "round " + round + ", thread " + i);
                }
            }
        }
    }

    @Test
    void rotateWhenTwoInstancesRedeemOneRefreshTokenAtOnceThenOnePairAndTheFamilyRevoked() {
        try (TokenStore peer = openPeerStore()) {
            MutableClock clock = new MutableClock(T0);
            TokenService first = new TokenService(store, clock);
            TokenService second = new TokenService(peer, clock);
            for (int round = 0; round < 10; round++) {
                IssuedTokens signIn = first.issue(JDOE, "wwe", "*", Duration.ofHours(1), Duration.ofDays(1));
                String raw = signIn.refreshToken();

                List<Optional<IssuedTokens>> results = Race.run(List.of(() -> refresh(first, raw), () -> refresh(second, raw)));

                List<IssuedTokens> pairs = results.stream().flatMap(Optional::stream).toList();
                assertEquals(1, pairs.size(), "round " + round + ": exactly one new pair");
                for (String token : List.of(signIn.accessToken(), raw, pairs.get(0).accessToken(), pairs.get(0).refreshToken())) {
                    assertTrue(store.find(TokenService.hash(token)).orElseThrow().revokedAt() != null,
                            "round " + round + ": the family is revoked, the new pair with it");
                }
            }
        }
    }

    /** The refresh grant's two steps, as {@code RefreshTokenGrant} runs them. */
    private static Optional<IssuedTokens> refresh(TokenService tokens, String raw) {
        if (!(tokens.checkRefresh(raw, "wwe") instanceof RefreshCheck.Valid valid)) {
            return Optional.empty();
        }
        return tokens.rotate(valid.refresh(), Duration.ofHours(1), Duration.ofDays(1), true, raw);
    }

    @Test
    void exchangeWhenTwoInstancesRaceThenOneWins() {
        try (TokenStore peer = openPeerStore()) {
            for (int round = 0; round < 10; round++) {
                StoredToken refresh = save(Tokens.refresh("fam-" + round, JDOE, "wwe"));
                List<Callable<Boolean>> exchanges = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    TokenStore instance = i % 2 == 0 ? store : peer;
                    List<StoredToken> pair = List.of(Tokens.refresh("fam-" + round, JDOE, "wwe"),
                            Tokens.access("fam-" + round, JDOE, "wwe"));
                    exchanges.add(() -> instance.exchange(refresh.hash(), true, pair, LATER));
                }

                assertEquals(1, Race.run(exchanges).stream().filter(w -> w).count(), "round " + round);
            }
        }
    }

    @Test
    void revokeFamilyWhenRefreshesRaceItThenNoTokenOfTheFamilyStaysLive() {
        for (int round = 0; round < 5; round++) {
            String family = "fam-" + round;
            assertRevocationLeavesNothingLive(family, () -> store.revokeFamily(family, LATER));
        }
    }

    @Test
    void revokeSubjectWhenRefreshesRaceItThenNoTokenOfTheUserStaysLive() {
        for (int round = 0; round < 5; round++) {
            assertRevocationLeavesNothingLive("fam-" + round, () -> store.revokeSubject(JDOE.subject(), LATER));
        }
    }

    /**
     * Two clients refresh in one family as fast as they can — one rotating its refresh token,
     * one keeping it — while {@code revoke} runs once a few refreshes have gone through. When all
     * is done, every token the refreshes saved is revoked.
     */
    private void assertRevocationLeavesNothingLive(String family, Runnable revoke) {
        StoredToken rotating = save(Tokens.refresh(family, JDOE, "wwe"));
        StoredToken kept = save(Tokens.refresh(family, JDOE, "portal"));
        List<StoredToken> saved = Collections.synchronizedList(new ArrayList<>(List.of(rotating, kept)));
        CountDownLatch someRefreshed = new CountDownLatch(4);
        Callable<Integer> rotate = () -> {
            StoredToken current = rotating;
            int refreshes = 0;
            for (; refreshes < 10_000; refreshes++) {
                List<StoredToken> pair = List.of(Tokens.refresh(family, JDOE, "wwe"), Tokens.access(family, JDOE, "wwe"));
                if (!store.exchange(current.hash(), true, pair, LATER)) {
                    break;
                }
                saved.addAll(pair);
                someRefreshed.countDown();
                current = pair.get(0);
            }
            return refreshes;
        };
        Callable<Integer> keep = () -> {
            int refreshes = 0;
            for (; refreshes < 10_000; refreshes++) {
                StoredToken access = Tokens.access(family, JDOE, "portal");
                if (!store.exchange(kept.hash(), false, List.of(access), LATER)) {
                    break;
                }
                saved.add(access);
                someRefreshed.countDown();
            }
            return refreshes;
        };
        Callable<Integer> revoker = () -> {
            assertTrue(someRefreshed.await(30, TimeUnit.SECONDS), "no refresh went through");
            revoke.run();
            return 0;
        };

        List<Integer> refreshes = Race.run(List.of(rotate, keep, revoker));

        assertTrue(refreshes.get(0) < 10_000 && refreshes.get(1) < 10_000, "the refreshes ended with the revocation");
        for (StoredToken token : saved) {
            assertTrue(store.find(token.hash()).orElseThrow().revokedAt() != null,
                    token.kind() + " of " + token.clientId() + " left live");
        }
    }

    @Test
    void revokeWhenLiveThenOneAndRevokedAtSetThenZero() {
        StoredToken token = save(Tokens.access("fam-1", JDOE, "wwe"));

        assertEquals(1, store.revoke(token.hash(), LATER));
        assertEquals(0, store.revoke(token.hash(), LATER.plusSeconds(5)));
        assertEquals(LATER, store.find(token.hash()).orElseThrow().revokedAt());
        assertEquals(0, store.revoke(TokenService.hash("unknown"), LATER));
    }

    @Test
    void revokeFamilyWhenCalledThenOnlyThatFamilyRevoked() {
        StoredToken access = save(Tokens.access("fam-1", JDOE, "wwe"));
        StoredToken refresh = save(Tokens.refresh("fam-1", JDOE, "wwe"));
        StoredToken otherSignIn = save(Tokens.access("fam-2", JDOE, "wwe"));

        assertEquals(2, store.revokeFamily("fam-1", LATER));

        assertEquals(LATER, store.find(access.hash()).orElseThrow().revokedAt());
        assertEquals(LATER, store.find(refresh.hash()).orElseThrow().revokedAt());
        assertNull(store.find(otherSignIn.hash()).orElseThrow().revokedAt());
        assertEquals(0, store.revokeFamily("fam-1", LATER), "already revoked rows are not counted");
    }

    @Test
    void revokeSubjectWhenCalledThenEveryClientOfThatUserOnly() {
        StoredToken wwe = save(Tokens.access("fam-1", JDOE, "wwe"));
        StoredToken wweRefresh = save(Tokens.refresh("fam-1", JDOE, "wwe"));
        StoredToken portal = save(Tokens.access("fam-2", JDOE, "portal"));
        StoredToken colleague = save(Tokens.access("fam-3", ASMITH, "wwe"));
        StoredToken service = save(Tokens.access("fam-4", TokenOwner.CLIENT, "reporting"));

        assertEquals(3, store.revokeSubject(JDOE.subject(), LATER));

        for (StoredToken revoked : List.of(wwe, wweRefresh, portal)) {
            assertEquals(LATER, store.find(revoked.hash()).orElseThrow().revokedAt());
        }
        assertNull(store.find(colleague.hash()).orElseThrow().revokedAt());
        assertNull(store.find(service.hash()).orElseThrow().revokedAt());
    }

    @Test
    void revokeSubjectExceptWhenCalledThenEveryOtherSignInOfThatUserOnly() {
        StoredToken kept = save(Tokens.access("fam-1", JDOE, "wwe"));
        StoredToken keptRefresh = save(Tokens.refresh("fam-1", JDOE, "wwe"));
        StoredToken otherDevice = save(Tokens.access("fam-2", JDOE, "wwe"));
        StoredToken otherClient = save(Tokens.refresh("fam-3", JDOE, "portal"));
        StoredToken colleague = save(Tokens.access("fam-4", ASMITH, "wwe"));
        StoredToken service = save(Tokens.access("fam-5", TokenOwner.CLIENT, "reporting"));

        assertEquals(2, store.revokeSubjectExcept(JDOE.subject(), "fam-1", LATER));

        assertEquals(LATER, store.find(otherDevice.hash()).orElseThrow().revokedAt());
        assertEquals(LATER, store.find(otherClient.hash()).orElseThrow().revokedAt());
        for (StoredToken live : List.of(kept, keptRefresh, colleague, service)) {
            assertNull(store.find(live.hash()).orElseThrow().revokedAt(), live.family());
        }
        assertEquals(0, store.revokeSubjectExcept(JDOE.subject(), "fam-1", LATER),
                "already revoked rows are not counted");
    }

    @Test
    void purgeExpiredWhenCalledThenDeletesOnlyRowsExpiredBefore() {
        Instant cutoff = T0.plus(Duration.ofHours(1));
        StoredToken expired = save(Tokens.token(TokenKind.ACCESS, "f", JDOE, "wwe", cutoff.minusMillis(1)));
        StoredToken atCutoff = save(Tokens.token(TokenKind.ACCESS, "f", JDOE, "wwe", cutoff));
        StoredToken live = save(Tokens.token(TokenKind.REFRESH, "f", JDOE, "wwe", cutoff.plusSeconds(60)));

        assertEquals(1, store.purgeExpired(cutoff));

        assertEquals(Optional.empty(), store.find(expired.hash()));
        assertTrue(store.find(atCutoff.hash()).isPresent());
        assertTrue(store.find(live.hash()).isPresent());
        assertEquals(0, store.purgeExpired(cutoff));
    }

    @Test
    void purgeExpiredWhenManyRowsThenAllDeleted() {
        for (int i = 0; i < 2500; i++) {
            store.save(Tokens.token(TokenKind.ACCESS, "f" + i, JDOE, "wwe", T0));
        }

        assertEquals(2500, store.purgeExpired(T0.plusSeconds(1)));
    }

    @Test
    void checkHealthWhenOpenThenPasses() {
        store.checkHealth();
    }

    @Test
    void operationsWhenClosedThenUnavailable() {
        StoredToken token = Tokens.access("fam-1", JDOE, "wwe");
        store.close();

        assertThrows(StoreUnavailableException.class, () -> store.find(token.hash()));
        assertThrows(StoreUnavailableException.class, () -> store.save(token));
        assertThrows(StoreUnavailableException.class, () -> store.checkHealth());
    }

    private StoredToken save(StoredToken token) {
        store.save(token);
        return token;
    }
}
