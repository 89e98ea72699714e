package dev.authbridge.config;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.time.Duration;

/** Where a trusted issuer's public keys come from: its JWK set URL, or a set fixed at boot. */
public sealed interface IssuerKeysConfig {
    /** RSA keys shorter than this verify nothing (NIST SP 800-131A: 2048 bits since 2014). */
    int MIN_RSA_BITS = 2048;

    /**
     * Fetched over HTTP(S), cached as its {@code Cache-Control} says (within bounds), fetched again
     * for a key it does not hold, at most once per {@code minRefreshInterval}.
     *
     * @param connectTimeout the longest wait for a connection
     * @param readTimeout the longest wait for the whole document, from the request
     * @param maxBytes a larger document is refused
     */
    record Remote(URI url, Duration connectTimeout, Duration readTimeout, int maxBytes, Duration minRefreshInterval)
            implements IssuerKeysConfig {}

    /** Read at boot from {@code jwksFile} or the inline {@code keys}: public keys only, checked there. */
    record Fixed(JWKSet keys) implements IssuerKeysConfig {}

    /**
     * Why {@code key} cannot verify a trusted issuer's signature, or null when it can: only RSA
     * (of {@value #MIN_RSA_BITS} bits or more) and EC keys, not marked for encryption. The one
     * rule for keys written into the configuration (refused at boot) and keys fetched (left out).
     */
    static String unusable(JWK key) {
        if (KeyType.OCT.equals(key.getKeyType())) {
            return "is a symmetric key: a trusted issuer's tokens are verified with its public key";
        }
        if (!KeyType.RSA.equals(key.getKeyType()) && !KeyType.EC.equals(key.getKeyType())) {
            return "is a " + key.getKeyType() + " key: only RSA and EC keys are supported";
        }
        if (KeyUse.ENCRYPTION.equals(key.getKeyUse())) {
            return "is an encryption key (use: enc)";
        }
        if (key instanceof RSAKey rsa && rsa.size() < MIN_RSA_BITS) {
            return "is an RSA key of " + rsa.size() + " bits: at least " + MIN_RSA_BITS + " are needed";
        }
        return null;
    }
}
