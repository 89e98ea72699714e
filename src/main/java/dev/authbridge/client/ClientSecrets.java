package dev.authbridge.client;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.authbridge.config.ClientSecret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets of the clients in the store: kept only as bcrypt hashes (at.favre.lib's bcrypt, cost
 * {@value #COST}: tens of milliseconds a check, so a copy of the store is no list of secrets),
 * and made here when an operator gives none (256 random bits, base64url: 43 characters).
 *
 * <p>bcrypt reads at most {@value #MAX_BYTES} bytes of a secret; the library refuses more rather
 * than ignore the rest, and so does {@link ClientAdministration}: a stored secret is never longer.
 */
public final class ClientSecrets {
    /** The work factor: 2^10 rounds. */
    public static final int COST = 10;
    /** The longest secret bcrypt reads whole, in UTF-8 bytes. */
    public static final int MAX_BYTES = 72;

    private static final int GENERATED_BYTES = 32;

    private final int cost;
    private final SecureRandom random = new SecureRandom();

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
        return new Hashed(hash);
    }

    /** A stored hash; a secret longer than bcrypt reads, or a hash that is not bcrypt, matches nothing. */
    private record Hashed(String hash) implements ClientSecret {
        @Override
        public boolean matches(String candidate) {
            if (candidate == null || hash == null || candidate.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
                return false;
            }
            try {
                return BCrypt.verifyer().verify(candidate.toCharArray(), hash).verified;
            } catch (RuntimeException e) {
                return false; // a damaged hash: no secret opens it
            }
        }

        @Override
        public String toString() {
            return "****";
        }
    }
}
