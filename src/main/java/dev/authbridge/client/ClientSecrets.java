package dev.authbridge.client;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.authbridge.config.ClientSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Secrets of the clients in the store: kept only as bcrypt hashes (at.favre.lib's bcrypt, cost
 * {@value #COST}: tens of milliseconds a check, so a copy of the store is no list of secrets),
 * and made here when an operator gives none (256 random bits, base64url: 43 characters).
 *
 * <p>bcrypt reads at most {@value #MAX_BYTES} bytes of a secret; the library refuses more rather
 * than ignore the rest, and so does {@link ClientAdministration}: a stored secret is never longer.
 *
 * <p>A busy client authenticates on every token request: paying bcrypt each time would cap the
 * token endpoint at a few dozen requests a second per core. So a secret that bcrypt accepted
 * is remembered, in this process's memory only, as its SHA-256 beside the hash it matched
 * (at most {@value #REMEMBERED} of them); the same secret against the same hash is then
 * accepted by a constant-time comparison of digests. Anything else — another secret, a new
 * hash after the secret changed — goes to bcrypt. The store never holds anything but the hash.
 */
public final class ClientSecrets {
    /** The work factor: 2^10 rounds. */
    public static final int COST = 10;
    /** The longest secret bcrypt reads whole, in UTF-8 bytes. */
    public static final int MAX_BYTES = 72;

    private static final int GENERATED_BYTES = 32;
    /** Secrets remembered as accepted; when full, all are forgotten (the next check of each pays bcrypt once). */
    static final int REMEMBERED = 10_000;

    private final int cost;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> accepted = new ConcurrentHashMap<>();

    public ClientSecrets() {
        this(COST);
    }

    /** @param cost the work factor (tests use the library's least, 4, to run fast) */
    public ClientSecrets(int cost) {
        this.cost = cost;
    }

    /** A new secret for a confidential client registered without one. */
    public String generate() {
        byte[] bytes = new byte[GENERATED_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The bcrypt hash of {@code secret} (at most {@value #MAX_BYTES} bytes), with a fresh salt. */
    public String hash(String secret) {
        if (secret.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("a client secret is at most " + MAX_BYTES + " bytes");
        }
        return BCrypt.withDefaults().hashToString(cost, secret.toCharArray());
    }

    /** What checks a presented secret against the stored {@code hash}. */
    public ClientSecret verifier(String hash) {
        return new Hashed(hash, this);
    }

    /** Whether {@code candidate} is known to match {@code hash} without bcrypt, or cannot match at all. */
    private boolean isRemembered(String hash, String candidate) {
        if (candidate == null || hash == null || candidate.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return true;
        }
        byte[] known = accepted.get(hash);
        return known != null && MessageDigest.isEqual(known, sha256(candidate));
    }

    /** Whether {@code candidate} matches {@code hash}: a digest remembered, else bcrypt. */
    private boolean check(String hash, String candidate) {
        if (candidate == null || hash == null || candidate.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        byte[] digest = sha256(candidate);
        byte[] known = accepted.get(hash);
        if (known != null && MessageDigest.isEqual(known, digest)) {
            return true;
        }
        boolean verified;
        try {
            verified = BCrypt.verifyer().verify(candidate.toCharArray(), hash).verified;
        } catch (RuntimeException e) {
            return false; // a damaged hash: no secret opens it
        }
        if (verified) {
            if (accepted.size() >= REMEMBERED) {
                accepted.clear();
            }
            accepted.put(hash, digest);
        }
        return verified;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A stored hash; a secret longer than bcrypt reads, or a hash that is not bcrypt, matches nothing. */
    private record Hashed(String hash, ClientSecrets secrets) implements ClientSecret {
        @Override
        public boolean matches(String candidate) {
            return secrets.check(hash, candidate);
        }

        @Override
        public boolean isCheapToCheck(String candidate) {
            return secrets.isRemembered(hash, candidate);
        }

        @Override
        public String toString() {
            return "****";
        }
    }
}
