package dev.authbridge.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authbridge.config.JwtConfig;
import dev.authbridge.config.SigningAlgorithm;
import dev.authbridge.config.StoreConfig;
import dev.authbridge.store.Database;
import dev.authbridge.store.SharedSecrets;
import dev.authbridge.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Ed25519 companions of the signing keys: signed, published, shared by instances, rotated. */
class Ed25519CompanionTest {
    private static final JwtConfig RS256 = new JwtConfig(SigningAlgorithm.RS256, Duration.ofMinutes(5), Duration.ofHours(1));
    private static final JWTClaimsSet CLAIMS = new JWTClaimsSet.Builder().subject("agent1").claim("roles", List.of("x")).build();

    @TempDir
    Path dir;

    private Database db;
    private SqlSigningKeyStore store;
    private SharedSecrets secrets;
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

    @BeforeEach
    void open() {
        db = Database.open(new StoreConfig(dir.resolve("store.db"), Duration.ofSeconds(5), Duration.ofMinutes(10)));
        store = new SqlSigningKeyStore(db);
        secrets = new SharedSecrets(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private KeyRing ring() {
        return KeyRing.open(store, RS256, clock, () -> secrets.getOrCreate("x-gws-user-ed25519", 32));
    }

    @Test
    void signEdDsaThenVerifiesWithTheCompanionPublishedAfterTheSigningKeys() throws Exception {
        KeyRing ring = ring();
        SignedJWT jwt = SignedJWT.parse(ring.signEdDsa(CLAIMS));

        assertEquals(JWSAlgorithm.EdDSA, jwt.getHeader().getAlgorithm());
        JWKSet published = ring.publishedKeys();
        List<String> kinds = published.getKeys().stream().map(k -> k.getKeyType().getValue()).toList();
        assertEquals(List.of("RSA", "RSA", "OKP", "OKP"), kinds, "active and next, then their companions");
        OctetKeyPair key = (OctetKeyPair) published.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertEquals(Curve.Ed25519, key.getCurve());
        assertFalse(key.isPrivate());
        assertTrue(EdDsa.verifies(jwt, key));
        assertEquals("agent1", jwt.getJWTClaimsSet().getSubject());
        assertFalse(EdDsa.verifies(SignedJWT.parse(ring.sign(CLAIMS)), key), "the RS256 token is not the companion's");
    }

    @Test
    void twoInstancesOnOneStoreThenTheSameCompanionKeys() throws Exception {
        KeyRing one = ring();
        KeyRing other = ring();
        SignedJWT jwt = SignedJWT.parse(one.signEdDsa(CLAIMS));
        OctetKeyPair key = (OctetKeyPair) other.publishedKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
        assertTrue(EdDsa.verifies(jwt, key));
    }

    @Test
    void rotateThenNewCompanionSignsAndTheOldOneStaysPublished() throws Exception {
        KeyRing ring = ring();
        SignedJWT before = SignedJWT.parse(ring.signEdDsa(CLAIMS));
        ring.rotate();
        SignedJWT after = SignedJWT.parse(ring.signEdDsa(CLAIMS));

        assertNotEquals(before.getHeader().getKeyID(), after.getHeader().getKeyID());
        JWKSet published = ring.publishedKeys();
        assertTrue(EdDsa.verifies(before, (OctetKeyPair) published.getKeyByKeyId(before.getHeader().getKeyID())));
        assertTrue(EdDsa.verifies(after, (OctetKeyPair) published.getKeyByKeyId(after.getHeader().getKeyID())));
    }

    @Test
    void ringWithoutCompanionSecretThenNoEdDsaKeysAndSignEdDsaRefused() {
        KeyRing ring = KeyRing.open(store, RS256, clock);
        assertTrue(ring.publishedKeys().getKeys().stream().map(JWK::getKeyType).noneMatch(t -> t.getValue().equals("OKP")));
        assertThrows(IllegalStateException.class, () -> ring.signEdDsa(CLAIMS));
    }
}
