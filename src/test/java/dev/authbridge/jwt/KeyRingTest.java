package dev.authbridge.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authbridge.config.JwtConfig;
import dev.authbridge.config.SigningAlgorithm;
import dev.authbridge.config.StoreConfig;
import dev.authbridge.store.Database;
import dev.authbridge.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key ring over a real SQLite store: lifecycle, persistence, rotation, algorithm change. */
class KeyRingTest {
    private static final JwtConfig RS256 = new JwtConfig(SigningAlgorithm.RS256, Duration.ofMinutes(5), Duration.ofHours(1));
    private static final JwtConfig ES256 = new JwtConfig(SigningAlgorithm.ES256, Duration.ofMinutes(5), Duration.ofHours(1));

    @TempDir
    Path dir;

    private Database db;
    private SqlSigningKeyStore store;
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

    @BeforeEach
    void open() {
        db = Database.open(new StoreConfig(dir.resolve("store.db"), Duration.ofSeconds(5), Duration.ofMinutes(10)));
        store = new SqlSigningKeyStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<SigningKey> with(KeyStatus status) {
        return store.all().stream().filter(k -> k.status() == status).toList();
    }

    @Test
    void openWhenStoreEmptyThenActiveAndNextOfConfiguredAlgorithm() {
        KeyRing ring = KeyRing.open(store, RS256, clock);
        assertEquals(1, with(KeyStatus.ACTIVE).size());
        assertEquals(1, with(KeyStatus.NEXT).size());
        assertEquals(SigningAlgorithm.RS256, ring.activeKey().algorithm());
        assertEquals(List.of(ring.activeKey().kid(), with(KeyStatus.NEXT).get(0).kid()),
                ring.publishedKeys().getKeys().stream().map(JWK::getKeyID).toList());
    }

    @Test
    void openWhenKeysExistThenSameKeysNotRegenerated() {
        String kid = KeyRing.open(store, RS256, clock).activeKey().kid();
        assertEquals(kid, KeyRing.open(store, RS256, clock).activeKey().kid());
        assertEquals(2, store.all().size());
    }

    @Test
    void openWhenTwoStartConcurrentlyThenOneActiveKey() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<String> start = () -> KeyRing.open(store, RS256, clock).activeKey().kid();
            List<Future<String>> kids = pool.invokeAll(List.of(start, start, start, start));
            String first = kids.get(0).get();
            for (Future<String> kid : kids) {
                assertEquals(first, kid.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, with(KeyStatus.ACTIVE).size());
        assertEquals(1, with(KeyStatus.NEXT).size());
    }

    @Test
    void signWhenRs256ThenVerifiesWithPublishedKeyAndHeaderNamesIt() throws Exception {
        KeyRing ring = KeyRing.open(store, RS256, clock);
        SignedJWT jwt = SignedJWT.parse(ring.sign(new JWTClaimsSet.Builder().subject("s").build()));
        assertEquals(ring.activeKey().kid(), jwt.getHeader().getKeyID());
        assertEquals("JWT", jwt.getHeader().getType().getType());
        RSAKey published = (RSAKey) ring.publishedKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
        assertFalse(published.isPrivate());
        assertTrue(jwt.verify(new RSASSAVerifier(published)));
    }

    @Test
    void signWhenEs256ThenVerifiesWithPublishedEcKey() throws Exception {
        KeyRing ring = KeyRing.open(store, ES256, clock);
        SignedJWT jwt = SignedJWT.parse(ring.sign(new JWTClaimsSet.Builder().subject("s").build()));
        ECKey published = (ECKey) ring.publishedKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
        assertFalse(published.isPrivate());
        assertTrue(jwt.verify(new ECDSAVerifier(published)));
    }

    @Test
    void rotateThenNextSignsRetiredLosesPrivateHalfAndStaysPublishedForRetention() {
        KeyRing ring = KeyRing.open(store, RS256, clock);
        SigningKey oldActive = ring.activeKey();
        String next = with(KeyStatus.NEXT).get(0).kid();

        SigningKey active = ring.rotate();

        assertEquals(next, active.kid());
        SigningKey retired = with(KeyStatus.RETIRED).get(0);
        assertEquals(oldActive.kid(), retired.kid());
        assertFalse(retired.jwk().isPrivate(), "private half erased at retirement");
        assertEquals(clock.instant(), retired.retiredAt());
        assertEquals(3, ring.publishedKeys().getKeys().size());

        clock.advance(ring.retention().minusSeconds(1));
        assertTrue(ring.publishedKeys().getKeyByKeyId(oldActive.kid()) != null, "still within retention");
        clock.advance(Duration.ofSeconds(2));
        assertNull(ring.publishedKeys().getKeyByKeyId(oldActive.kid()), "unpublished after retention");
        assertEquals(2, ring.publishedKeys().getKeys().size());
    }

    @Test
    void retentionWhenConfiguredThenReloadPlusLongestTtlPlusSkew() {
        KeyRing ring = KeyRing.open(store, new JwtConfig(SigningAlgorithm.RS256, Duration.ofHours(3), Duration.ofHours(1)), clock);
        assertEquals(Duration.ofHours(3).plus(KeyRing.RELOAD_INTERVAL).plus(KeyRing.CLOCK_SKEW), ring.retention());
    }

    @Test
    void signWhenAnotherProcessRotatedThenSwitchesAfterReloadInterval() throws Exception {
        KeyRing server = KeyRing.open(store, RS256, clock);
        String before = server.activeKey().kid();
        String rotatedTo = KeyRing.open(store, RS256, clock).rotate().kid(); // the `keys rotate` process

        assertEquals(before, server.activeKey().kid(), "not re-read yet");
        clock.advance(KeyRing.RELOAD_INTERVAL);
        assertEquals(rotatedTo, SignedJWT.parse(server.sign(new JWTClaimsSet.Builder().build())).getHeader().getKeyID());
    }

    @Test
    void openWhenAlgorithmChangedThenNewAlgorithmActiveAndOldRetiredButPublished() {
        SigningKey rsa = KeyRing.open(store, RS256, clock).activeKey();
        String rsaNext = with(KeyStatus.NEXT).get(0).kid();

        KeyRing ring = KeyRing.open(store, ES256, clock);

        assertEquals(SigningAlgorithm.ES256, ring.activeKey().algorithm());
        assertEquals(SigningAlgorithm.ES256, with(KeyStatus.NEXT).get(0).algorithm());
        assertTrue(store.all().stream().noneMatch(k -> k.kid().equals(rsaNext)), "unused RSA next key dropped");
        assertEquals(rsa.kid(), with(KeyStatus.RETIRED).get(0).kid());
        assertTrue(ring.publishedKeys().getKeyByKeyId(rsa.kid()) != null, "what the RSA key signed stays verifiable");
    }

    @Test
    void openWhenRetiredLongAgoThenRowDeleted() {
        KeyRing ring = KeyRing.open(store, RS256, clock);
        ring.rotate();
        clock.advance(ring.retention().plusSeconds(1));
        KeyRing.open(store, RS256, clock);
        assertTrue(with(KeyStatus.RETIRED).isEmpty());
        assertEquals(2, store.all().size());
    }

    @Test
    void storeWhenSecondActiveAddedThenRefused() {
        KeyRing.open(store, RS256, clock);
        assertFalse(store.addIfAbsent(SigningKey.generate(SigningAlgorithm.RS256, KeyStatus.ACTIVE, clock.instant())));
        assertFalse(store.addIfAbsent(SigningKey.generate(SigningAlgorithm.RS256, KeyStatus.NEXT, clock.instant())));
        assertEquals(2, store.all().size());
    }

    @Test
    void storeWhenDiscardNextOnActiveKeyThenNothingDeleted() {
        KeyRing ring = KeyRing.open(store, RS256, clock);
        assertFalse(store.discardNext(ring.activeKey().kid()));
        assertEquals(2, store.all().size());
    }

    @Test
    void storeWhenRoundTripThenPrivateKeyIntactAndToStringHidesIt() {
        KeyRing ring = KeyRing.open(store, RS256, clock);
        SigningKey active = ring.activeKey();
        assertTrue(active.jwk().isPrivate());
        RSAKey rsa = (RSAKey) active.jwk();
        String privateExponent = rsa.getPrivateExponent().toString();
        assertFalse(active.toString().contains(privateExponent));
        assertNotEquals(-1, active.toString().indexOf(active.kid()));
    }

    @Test
    void generateThenKidIsRfc7638Thumbprint() throws Exception {
        SigningKey key = SigningKey.generate(SigningAlgorithm.ES256, KeyStatus.NEXT, clock.instant());
        assertEquals(key.jwk().computeThumbprint().toString(), key.kid());
    }
}
