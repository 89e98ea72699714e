package dev.authbridge.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.authbridge.testing.Race;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A trusted issuer's JWK set fetched from its URL, through {@link TrustedIssuers#verify}: key
 * rotation (one fetch, then accepted), a flood of random {@code kid}s (at most one fetch per
 * interval), the cache as {@code Cache-Control} says within bounds, outages (stale keys kept for a
 * while; none at all is an outage, not a refusal), and every way a fetch can go wrong, each
 * bounded in time and size.
 */
class RemoteJwksTest extends TrustedIssuerFixture {
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private TrustedIssuers issuers() {
        return issuers(IssuerConfigBuilder.of(idp).build());
    }

    private String good() {
        return idp.sign(claims().build());
    }

    private String signedBy(RSAKey key) {
        return TestIssuer.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), key,
                claims().build());
    }

    private String randomKid() {
        return TestIssuer.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(UUID.randomUUID().toString()).build(),
                idp.rsa(), claims().build());
    }

    @Test
    void verifyWhenFirstTokenThenOneFetchAndTheNextFromTheCache() {
        TrustedIssuers issuers = issuers();

        verified(issuers.verify(good()));
        verified(issuers.verify(good()));

        assertEquals(1, idp.fetches());
    }

    @Test
    void verifyWhenTheIssuerRotatesItsKeyThenOneFetchAndTheNewKeyAccepted() {
        TrustedIssuers issuers = issuers();
        verified(issuers.verify(good()));
        RSAKey next = TestIssuer.rsaKey("rsa-2");
        idp.publish(idp.rsa().toPublicJWK(), next.toPublicJWK());
        clock.advance(INTERVAL);

        verified(issuers.verify(signedBy(next)));
        verified(issuers.verify(signedBy(next)));

        assertEquals(2, idp.fetches());
    }

    @Test
    void verifyWhenRotatedWithinTheRefreshIntervalThenUnknownKeyUntilItEnds() {
        TrustedIssuers issuers = issuers();
        verified(issuers.verify(good()));
        RSAKey next = TestIssuer.rsaKey("rsa-2");
        idp.publish(next.toPublicJWK());
        clock.advance(INTERVAL.minusSeconds(1));

        assertEquals(RefusalReason.UNKNOWN_KEY, reason(issuers.verify(signedBy(next))));
        assertEquals(1, idp.fetches());
        clock.advance(Duration.ofSeconds(1));
        verified(issuers.verify(signedBy(next)));
        assertEquals(2, idp.fetches());
    }

    @Test
    void verifyWhenRandomKidsFloodThenAtMostOneFetchPerInterval() {
        TrustedIssuers issuers = issuers();
        verified(issuers.verify(good()));

        for (int i = 0; i < 50; i++) {
            assertEquals(RefusalReason.UNKNOWN_KEY, reason(issuers.verify(randomKid())));
        }
        assertEquals(1, idp.fetches(), "within the interval of the first fetch");
        clock.advance(INTERVAL);
        for (int i = 0; i < 50; i++) {
            assertEquals(RefusalReason.UNKNOWN_KEY, reason(issuers.verify(randomKid())));
        }
        assertEquals(2, idp.fetches(), "one more once the interval is over");
        verified(issuers.verify(good()));
    }

    @Test
    void verifyWhenRandomKidsFloodAtOnceFromColdThenOneFetch() {
        TrustedIssuers issuers = issuers();

        List<AssertionResult> results = Race.run(16, () -> issuers.verify(randomKid()));

        assertTrue(results.stream().allMatch(r -> reason(r) == RefusalReason.UNKNOWN_KEY), results.toString());
        assertEquals(1, idp.fetches());
    }

    @Test
    void verifyWhenMaxAgeThenFetchedAgainOnlyOnceItEnds() {
        idp.cacheControl("public, max-age=300");
        TrustedIssuers issuers = issuers();
        verified(issuers.verify(good()));

        clock.advance(Duration.ofSeconds(299));
        verified(issuers.verify(good()));
        assertEquals(1, idp.fetches());
        clock.advance(Duration.ofSeconds(1));
        verified(issuers.verify(good()));
        assertEquals(2, idp.fetches());
    }

    @Test
    void verifyWhenAgeThenFreshOnlyForWhatIsLeft() {
        idp.cacheControl("max-age=300");
        idp.age("200");
        TrustedIssuers issuers = issuers();
        verified(issuers.verify(good()));

        clock.advance(Duration.ofSeconds(99));
        verified(issuers.verify(good()));
        assertEquals(1, idp.fetches());
        clock.advance(Duration.ofSeconds(1));
        verified(issuers.verify(good()));
        assertEquals(2, idp.fetches());
    }

    @Test
    void verifyWhenMaxAgeTinyOrNoStoreThenCachedTheMinimum() {
        for (String header : List.of("max-age=5", "no-store", "no-cache, max-age=600", "max-age=soon")) {
            idp.cacheControl(header);
            TrustedIssuers issuers = issuers();
            int before = idp.fetches();
            verified(issuers.verify(good()));

            clock.advance(RemoteJwks.MIN_CACHE.minusSeconds(1));
            verified(issuers.verify(good()));
            assertEquals(before + 1, idp.fetches(), header);
            clock.advance(Duration.ofSeconds(1));
            verified(issuers.verify(good()));
            assertEquals(before + 2, idp.fetches(), header);
        }
    }

    @Test
    void verifyWhenMaxAgeHugeThenCachedTheMaximum() {
        idp.cacheControl("max-age=999999999");
        TrustedIssuers issuers = issuers();
        verified(issuers.verify(good()));

        clock.advance(RemoteJwks.MAX_CACHE.minusSeconds(1));
        verified(issuers.verify(idp.sign(claims().build())));
        assertEquals(1, idp.fetches());
        clock.advance(Duration.ofSeconds(1));
        verified(issuers.verify(idp.sign(claims().build())));
        assertEquals(2, idp.fetches());
    }

    @Test
    void verifyWhenNoCacheControlThenTheDefaultTime() {
        TrustedIssuers issuers = issuers();
        verified(issuers.verify(good()));

        clock.advance(RemoteJwks.DEFAULT_CACHE.minusSeconds(1));
        verified(issuers.verify(good()));
        assertEquals(1, idp.fetches());
        clock.advance(Duration.ofSeconds(1));
        verified(issuers.verify(good()));
        assertEquals(2, idp.fetches());
    }

    @Test
    void verifyWhenTheIssuerIsDownAfterAFetchThenStaleKeysServeForAWhileThenOutage() {
        TrustedIssuers issuers = issuers();
        verified(issuers.verify(good()));
        idp.failWith(500);

        clock.advance(RemoteJwks.DEFAULT_CACHE);
        verified(issuers.verify(good()));
        assertEquals(2, idp.fetches(), "one attempt to replace the stale keys");
        clock.advance(RemoteJwks.OUTAGE_TOLERANCE.minusSeconds(1));
        verified(issuers.verify(good()));
        clock.advance(Duration.ofSeconds(1));

        IssuerUnavailableException outage = assertThrows(IssuerUnavailableException.class, () -> issuers.verify(good()));
        assertEquals(idp.issuer(), outage.issuer());
        assertEquals("HTTP 500", outage.reason());
    }

    @Test
    void verifyWhenTheIssuerIsDownFromTheStartThenOutageAndOneAttemptPerInterval() {
        idp.failWith(503);
        TrustedIssuers issuers = issuers();

        assertThrows(IssuerUnavailableException.class, () -> issuers.verify(good()));
        assertThrows(IssuerUnavailableException.class, () -> issuers.verify(good()));
        assertEquals(1, idp.fetches());
        idp.failWith(200);
        clock.advance(INTERVAL);
        verified(issuers.verify(good()));
        assertEquals(2, idp.fetches());
    }

    @Test
    void verifyWhenUnknownKidWhileTheIssuerIsDownThenUnknownKeyFromTheKeysAtHand() {
        TrustedIssuers issuers = issuers();
        verified(issuers.verify(good()));
        idp.failWith(500);
        clock.advance(INTERVAL);

        assertEquals(RefusalReason.UNKNOWN_KEY, reason(issuers.verify(randomKid())));
        assertEquals(2, idp.fetches());
    }

    @Test
    void verifyWhenTheAnswerIsSlowThenOutageWithinTheReadTimeout() {
        idp.answerAfter(Duration.ofSeconds(5));
        TrustedIssuers issuers = issuers(IssuerConfigBuilder.of(idp)
                .keys(IssuerConfigBuilder.remote(idp.jwksUrl(), Duration.ofMillis(300))).build());

        long started = System.nanoTime();
        IssuerUnavailableException outage = assertThrows(IssuerUnavailableException.class, () -> issuers.verify(good()));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals("no complete answer within 300 ms", outage.reason());
        assertTrue(millis < 3000, "waited " + millis + " ms");
    }

    @Test
    void verifyWhenTheAnswerIsTooLargeThenOutageWithoutReadingIt() {
        idp.serve("{\"keys\":[]}" + " ".repeat(70 * 1024));

        IssuerUnavailableException outage = assertThrows(IssuerUnavailableException.class, () -> issuers().verify(good()));

        assertEquals("the answer is larger than 65536 bytes", outage.reason());
    }

    @Test
    void verifyWhenTheAnswerIsNoJwkSetThenOutage() {
        for (String body : List.of("<html>login</html>", "{\"keys\":\"none\"}", "[]", "")) {
            try (TestIssuer broken = TestIssuer.start()) {
                broken.serve(body);
                TrustedIssuers issuers = issuers(IssuerConfigBuilder.of(broken).build());

                IssuerUnavailableException outage = assertThrows(IssuerUnavailableException.class,
                        () -> issuers.verify(broken.sign(broken.claims(clock.instant(), TOKEN_ENDPOINT).build())), body);
                assertEquals("the answer is not a JWK set", outage.reason(), body);
            }
        }
    }

    @Test
    void verifyWhenRedirectedThenNotFollowed() {
        idp.redirectTo("https://attacker.example.com/jwks");

        IssuerUnavailableException outage = assertThrows(IssuerUnavailableException.class, () -> issuers().verify(good()));

        assertEquals("HTTP 302 (redirects are not followed)", outage.reason());
    }

    @Test
    void verifyWhenNothingListensThenOutage() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        TrustedIssuers issuers = issuers(IssuerConfigBuilder.of(idp)
                .keys(IssuerConfigBuilder.remote(URI.create("http://127.0.0.1:" + port + "/jwks"), Duration.ofSeconds(1)))
                .build());

        IssuerUnavailableException outage = assertThrows(IssuerUnavailableException.class, () -> issuers.verify(good()));

        assertEquals("connection refused", outage.reason());
    }

    @Test
    void verifyWhenTheSetHoldsUnusableKeysThenOnlyTheUsableOnesVerify() throws Exception {
        RSAKey weak = new RSAKeyGenerator(1024, true).keyID("weak").generate();
        RSAKey encryption = new RSAKeyGenerator(2048).keyID("enc").keyUse(KeyUse.ENCRYPTION).generate();
        RSAKey leaked = TestIssuer.rsaKey("leaked");
        // A private half published by mistake is dropped; the public half still verifies.
        idp.publish(weak.toPublicJWK(), encryption.toPublicJWK(), leaked);
        TrustedIssuers issuers = issuers();

        assertEquals(RefusalReason.UNKNOWN_KEY, reason(issuers.verify(signedBy(weak))));
        assertEquals(RefusalReason.UNKNOWN_KEY, reason(issuers.verify(signedBy(encryption))));
        verified(issuers.verify(signedBy(leaked)));
    }
}
