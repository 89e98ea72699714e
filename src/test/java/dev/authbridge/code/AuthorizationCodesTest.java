package dev.authbridge.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.config.AuthorizeConfig;
import dev.authbridge.config.StoreConfig;
import dev.authbridge.store.Database;
import dev.authbridge.testing.MutableClock;
import dev.authbridge.token.IssuedTokens;
import dev.authbridge.token.SqlTokenStore;
import dev.authbridge.token.TokenOwner;
import dev.authbridge.token.TokenService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AuthorizationCodes} on a real SQLite file: what is stored, the replay that races a
 * redemption, and how long rows are kept.
 */
class AuthorizationCodesTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final TokenOwner AGENT = new TokenOwner("uuid-1", "uid=agent1,ou=people,dc=example,dc=com",
            "demo\\agent1", "f91397f1-6bf6-4fcd-8623-4c4efd81e152", T0.minusSeconds(5));
    private static final String REDIRECT = "https://app.example.com/cb";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private Database db;
    private TokenService tokens;
    private AuthorizationCodes codes;
    private SqlAuthorizationCodeStore store;

    @BeforeEach
    void open() {
        db = Database.open(new StoreConfig(dir.resolve("store.db"), Duration.ofSeconds(5), Duration.ofMinutes(1)));
        tokens = new TokenService(new SqlTokenStore(db), clock);
        store = new SqlAuthorizationCodeStore(db);
        codes = new AuthorizationCodes(store, tokens, new AuthorizeConfig(Duration.ofSeconds(60)), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private String issue() {
        return codes.issue("app", REDIRECT, AGENT, "openid", PkceTest.CHALLENGE, "nonce-1");
    }

    @Test
    void issueWhenCodeIssuedThenOnlyItsHashStoredWithEveryBinding() {
        String code = issue();
        assertTrue(code.matches("[A-Za-z0-9_-]{43}"), code);
        assertTrue(store.find(code).isEmpty(), "the raw code is not a key");
        AuthorizationCode stored = store.find(TokenService.hash(code)).orElseThrow();
        assertEquals("app", stored.clientId());
        assertEquals(REDIRECT, stored.redirectUri());
        assertEquals(AGENT, stored.owner());
        assertEquals("openid", stored.scope());
        assertEquals(PkceTest.CHALLENGE, stored.codeChallenge());
        assertEquals("nonce-1", stored.nonce());
        assertEquals(AGENT.authTime(), stored.authTime());
        assertEquals(T0.plusSeconds(60), stored.expiresAt());
    }

    /** The replay arrives after the code was marked used but before its tokens were recorded. */
    @Test
    void bindTokensWhenReplayRacedTheRedemptionThenFalseAndTokensRevoked() {
        String code = issue();
        AuthorizationCode redeemed = assertInstanceOf(CodeRedemption.Redeemed.class,
                codes.redeem(code, "app", REDIRECT, PkceTest.VERIFIER)).code();
        IssuedTokens issued = tokens.issue(redeemed.owner(), "app", redeemed.scope(), Duration.ofHours(1), null);
        assertEquals(CodeRedemption.Refused.REPLAYED, codes.redeem(code, "app", REDIRECT, PkceTest.VERIFIER));
        assertFalse(codes.bindTokens(redeemed, issued.access().family(), Duration.ofHours(1)));
        assertEquals(Optional.empty(), tokens.authenticate(issued.accessToken()));
    }

    @Test
    void redeemWhenReplayedAfterBindingThenTokensRevoked() {
        String code = issue();
        AuthorizationCode redeemed = ((CodeRedemption.Redeemed) codes.redeem(code, "app", REDIRECT,
                PkceTest.VERIFIER)).code();
        IssuedTokens issued = tokens.issue(redeemed.owner(), "app", redeemed.scope(), Duration.ofHours(1), null);
        assertTrue(codes.bindTokens(redeemed, issued.access().family(), Duration.ofHours(1)));
        assertTrue(tokens.authenticate(issued.accessToken()).isPresent());
        assertEquals(CodeRedemption.Refused.REPLAYED, codes.redeem(code, "app", REDIRECT, PkceTest.VERIFIER));
        assertEquals(Optional.empty(), tokens.authenticate(issued.accessToken()));
    }

    @Test
    void purgeWhenUnusedCodeExpiredThenDeletedButRedeemedKeptWhileItsTokensLive() {
        String unused = issue();
        String redeemedCode = issue();
        AuthorizationCode redeemed = ((CodeRedemption.Redeemed) codes.redeem(redeemedCode, "app", REDIRECT,
                PkceTest.VERIFIER)).code();
        codes.bindTokens(redeemed, "family-1", Duration.ofHours(2));
        clock.advance(Duration.ofSeconds(61));
        assertEquals(1, codes.purgeExpired());
        assertTrue(store.find(TokenService.hash(unused)).isEmpty());
        assertEquals(CodeRedemption.Refused.REPLAYED, codes.redeem(redeemedCode, "app", REDIRECT, PkceTest.VERIFIER),
                "a replay an hour later is still recognised");
        clock.advance(Duration.ofHours(2));
        assertEquals(1, codes.purgeExpired());
        assertEquals(CodeRedemption.Refused.UNKNOWN, codes.redeem(redeemedCode, "app", REDIRECT, PkceTest.VERIFIER));
    }

    @Test
    void redeemWhenConcurrentThenExactlyOneRedeemed() throws Exception {
        String code = issue();
        int threads = 8;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var results = new java.util.ArrayList<java.util.concurrent.Future<CodeRedemption>>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return codes.redeem(code, "app", REDIRECT, PkceTest.VERIFIER);
                }));
            }
            start.countDown();
            int redeemed = 0;
            for (var f : results) {
                CodeRedemption r = f.get();
                if (r instanceof CodeRedemption.Redeemed) {
                    redeemed++;
                } else {
                    assertEquals(CodeRedemption.Refused.REPLAYED, r);
                }
            }
            assertEquals(1, redeemed);
        } finally {
            pool.shutdownNow();
        }
    }
}
