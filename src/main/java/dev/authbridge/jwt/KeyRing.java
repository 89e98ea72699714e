package dev.authbridge.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authbridge.config.JwtConfig;
import dev.authbridge.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys in use: signs with the {@code ACTIVE} key and publishes the JWK set.
 *
 * <p>Invariants: after {@link #open} there is an {@code ACTIVE} and a {@code NEXT} key of the
 * configured algorithm. The set published holds the active key, the next key (so a verifier
 * already knows the key a rotation will promote) and every retired key until everything it can
 * have signed has expired: {@link #RELOAD_INTERVAL} (a server keeps signing with a key rotated
 * away by another process until it re-reads) + the longest token lifetime + {@link #CLOCK_SKEW}.
 * Keys are re-read from the store every {@link #RELOAD_INTERVAL}, so a {@code keys rotate} run
 * against the store of a running server takes effect without a restart, and at once when the
 * store's change feed tells of it ({@link #reload}). A store unavailable at {@link #open} (a
 * database server down at boot) leaves the ring empty: it loads at the first use that reaches
 * the store, and until then signing and the JWK set fail as the store does (a 503).
 *
 * <p>Opened with a companion secret, every signing key has its {@link Ed25519Companion}: published
 * after the signing keys, the active one's signing {@link #signEdDsa}.
 */
public final class KeyRing {
    /** How often a running server re-reads the keys, picking up a rotation made elsewhere. */
    static final Duration RELOAD_INTERVAL = Duration.ofMinutes(1);
    /** Verifiers accept tokens somewhat past {@code exp}; a retired key stays published that much longer. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(KeyRing.class);

    private final SigningKeyStore store;
    private final JwtConfig config;
    private final Clock clock;
    /** The store's secret the Ed25519 companions are derived from; null: no companions. */
    private final Supplier<byte[]> companionSecret;
    private volatile byte[] companionSeed;
    /** Held while the keys are first loaded (see {@link #firstLoad}). */
    private final ReentrantLock loading = new ReentrantLock();
    private volatile Snapshot snapshot;

    /** The keys as last read: the active one with its signer, and every public key in the store. */
    private record Snapshot(SigningKey active, JWSSigner signer, List<SigningKey> keys,
            Map<String, Ed25519Companion> companions, Instant loadedAt) {

        Snapshot at(Instant now) {
            return new Snapshot(active, signer, keys, companions, now);
        }
    }

    private KeyRing(SigningKeyStore store, JwtConfig config, Clock clock, Supplier<byte[]> companionSecret) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.companionSecret = companionSecret;
    }

    /**
     * Loads the keys, first creating what is missing: on a new store an active and a next key;
     * when the configured algorithm changed, a key of the new algorithm becomes active at once
     * (the old one retires, still published) and a next key of the new algorithm is made.
     */
    public static KeyRing open(SigningKeyStore store, JwtConfig config, Clock clock) {
        return open(store, config, clock, null);
    }

    /**
     * As {@link #open(SigningKeyStore, JwtConfig, Clock)}, each signing key with its Ed25519
     * companion derived under {@code companionSecret} (read from the store once, at first load).
     */
    public static KeyRing open(SigningKeyStore store, JwtConfig config, Clock clock, Supplier<byte[]> companionSecret) {
        KeyRing ring = new KeyRing(store, config, clock, companionSecret);
        try {
            ring.installAndLoad();
        } catch (StoreUnavailableException e) {
            log.warn("signing keys not loaded ({}): loading them at first use", e.reason());
        }
        return ring;
    }

    /**
     * Reads the keys again now (another process rotated them); a failure keeps the current ones
     * and is logged.
     */
    public void reload() {
        try {
            if (snapshot == null) {
                loading.lock();
                try {
                    installAndLoad();
                } finally {
                    loading.unlock();
                }
            } else {
                synchronized (this) {
                    snapshot = load();
                }
            }
        } catch (StoreUnavailableException | IllegalStateException e) {
            log.warn("re-reading signing keys failed, keeping the current ones: {}", e.getMessage());
        }
    }

    private synchronized void installAndLoad() {
        install();
        snapshot = load();
    }

    /** Signs {@code claims} with the active key: header {@code alg}, {@code kid}, {@code typ: JWT}. */
    public String sign(JWTClaimsSet claims) {
        Snapshot current = current();
        return sign(claims, current.active().jwsAlgorithm(), current.active().kid(), current.signer());
    }

    /**
     * Signs {@code claims} as {@code EdDSA} with the active key's Ed25519 companion.
     *
     * @throws IllegalStateException when the ring was opened without a companion secret
     */
    public String signEdDsa(JWTClaimsSet claims) {
        Ed25519Companion companion = current().companions().get(activeKey().kid());
        if (companion == null) {
            throw new IllegalStateException("no Ed25519 keys: the ring was opened without a companion secret");
        }
        return sign(claims, JWSAlgorithm.EdDSA, companion.kid(), companion.signer());
    }

    private static String sign(JWTClaimsSet claims, JWSAlgorithm algorithm, String kid, JWSSigner signer) {
        JWSHeader header = new JWSHeader.Builder(algorithm).keyID(kid).type(JOSEObjectType.JWT).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with key " + kid + " failed", e);
        }
        return jwt.serialize();
    }

    /** The key that signs now. */
    public SigningKey activeKey() {
        return current().active();
    }

    /**
     * The public JWK set resource servers verify with (never a private parameter): the active
     * key first, the next key, then retired keys until their retention has passed; then, in the
     * same order, their Ed25519 companions when the ring has them.
     */
    public JWKSet publishedKeys() {
        Snapshot current = current();
        Instant now = clock.instant();
        Duration retention = retention();
        List<JWK> published = new ArrayList<>();
        published.add(current.active().publicJwk());
        find(current.keys(), KeyStatus.NEXT).ifPresent(k -> published.add(k.publicJwk()));
        for (SigningKey k : current.keys()) {
            if (k.status() == KeyStatus.RETIRED && k.retiredAt().plus(retention).isAfter(now)) {
                published.add(k.publicJwk());
            }
        }
        List<JWK> companions = published.stream()
                .map(k -> current.companions().get(k.getKeyID()))
                .filter(Objects::nonNull)
                .<JWK>map(Ed25519Companion::publicJwk)
                .toList();
        published.addAll(companions);
        return new JWKSet(published);
    }

    /**
     * Rotates now: the next key becomes active, the active one retires (still published), a new
     * next key is made. Returns the new active key.
     */
    public SigningKey rotate() {
        install();
        Instant now = clock.instant();
        if (!store.rotate(SigningKey.generate(config.algorithm(), KeyStatus.NEXT, now), now)) {
            throw new IllegalStateException("no active and next key to rotate");
        }
        snapshot = load();
        return snapshot.active();
    }

    /** How long after retiring a key must stay published. */
    Duration retention() {
        return RELOAD_INTERVAL.plus(config.longestTtl()).plus(CLOCK_SKEW);
    }

    private void install() {
        Instant now = clock.instant();
        List<SigningKey> keys = store.all();
        Optional<SigningKey> next = find(keys, KeyStatus.NEXT);
        boolean nextUsable = next.isPresent() && next.get().algorithm() == config.algorithm();
        if (next.isPresent() && !nextUsable) {
            store.discardNext(next.get().kid());
        }
        // A new store needs both keys, and an RSA key takes 0.1–0.3 s to make: the next one is
        // made on another core meanwhile (start-up waits for them).
        CompletableFuture<SigningKey> newNext = nextUsable ? null
                : CompletableFuture.supplyAsync(() -> SigningKey.generate(config.algorithm(), KeyStatus.NEXT, now));
        if (find(keys, KeyStatus.ACTIVE).isEmpty()) {
            store.addIfAbsent(SigningKey.generate(config.algorithm(), KeyStatus.ACTIVE, now));
        }
        if (newNext != null) {
            store.addIfAbsent(made(newNext));
        }
        SigningKey active = find(store.all(), KeyStatus.ACTIVE).orElseThrow();
        if (active.algorithm() != config.algorithm()) {
            if (store.rotateIfActive(active.kid(), SigningKey.generate(config.algorithm(), KeyStatus.NEXT, now), now)) {
                log.warn("jwt.algorithm is now {}: key {} ({}) retired, a {} key signs from now on",
                        config.algorithm(), active.kid(), active.algorithm(), config.algorithm());
            }
        }
        int deleted = store.deleteRetiredBefore(now.minus(retention()));
        if (deleted > 0) {
            log.info("deleted {} retired signing key(s) nothing valid is signed with any more", deleted);
        }
    }

    private static SigningKey made(CompletableFuture<SigningKey> key) {
        try {
            return key.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null) {
            return firstLoad();
        }
        Instant now = clock.instant();
        if (Duration.between(s.loadedAt(), now).abs().compareTo(RELOAD_INTERVAL) < 0) {
            return s;
        }
        synchronized (this) {
            if (snapshot != s) {
                return snapshot;
            }
            try {
                snapshot = load();
            } catch (StoreUnavailableException | IllegalStateException e) {
                // Keep signing with the keys we have; try again after another interval.
                log.warn("re-reading signing keys failed, keeping the current ones: {}", e.getMessage());
                snapshot = s.at(now);
            }
            return snapshot;
        }
    }

    /**
     * The keys a ring opened without them loads at first use. One caller loads; one that finds
     * another loading fails at once rather than queue behind a store that may not answer.
     */
    private Snapshot firstLoad() {
        if (!loading.tryLock()) {
            throw new StoreUnavailableException("signing keys are being loaded", null,
                    "the signing keys are being loaded from the store");
        }
        try {
            if (snapshot == null) {
                installAndLoad();
            }
            return snapshot;
        } finally {
            loading.unlock();
        }
    }

    private Snapshot load() {
        List<SigningKey> keys = store.all();
        SigningKey active = find(keys, KeyStatus.ACTIVE)
                .orElseThrow(() -> new IllegalStateException("the store holds no active signing key"));
        // Only the active key keeps its private half in memory.
        List<SigningKey> publicOnly = keys.stream()
                .map(k -> new SigningKey(k.kid(), k.status(), k.publicJwk(), k.createdAt(), k.retiredAt()))
                .toList();
        return new Snapshot(active, signer(active), publicOnly, companions(publicOnly), clock.instant());
    }

    private Map<String, Ed25519Companion> companions(List<SigningKey> keys) {
        if (companionSecret == null) {
            return Map.of();
        }
        byte[] seed = companionSeed;
        if (seed == null) {
            seed = companionSecret.get();
            companionSeed = seed;
        }
        Map<String, Ed25519Companion> companions = new HashMap<>();
        for (SigningKey k : keys) {
            companions.put(k.kid(), Ed25519Companion.of(seed, k.kid()));
        }
        return Map.copyOf(companions);
    }

    private static JWSSigner signer(SigningKey key) {
        try {
            JWK jwk = key.jwk();
            if (jwk instanceof RSAKey rsa) {
                return new RSASSASigner(rsa);
            }
            if (jwk instanceof ECKey ec) {
                return new ECDSASigner(ec);
            }
            throw new IllegalStateException("key " + key.kid() + " is neither RSA nor EC");
        } catch (JOSEException e) {
            throw new IllegalStateException("key " + key.kid() + " cannot sign", e);
        }
    }

    private static Optional<SigningKey> find(List<SigningKey> keys, KeyStatus status) {
        return keys.stream().filter(k -> k.status() == status).findFirst();
    }
}
