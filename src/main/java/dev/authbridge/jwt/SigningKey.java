package dev.authbridge.jwt;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.authbridge.config.SigningAlgorithm;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One signing key. Its {@code kid} is the JWK thumbprint (RFC 7638), so the same key always has
 * the same id. While {@code NEXT} or {@code ACTIVE}, {@code jwk} holds the private key;
 * {@code toString()} never prints it.
 *
 * @param retiredAt when it stopped signing; null unless {@code RETIRED}
 */
public record SigningKey(String kid, KeyStatus status, JWK jwk, Instant createdAt, Instant retiredAt) {

    /** RSA modulus size for RS256: NIST SP 800-57 deems 2048 bits adequate through 2030. */
    static final int RSA_BITS = 2048;

    public SigningKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(jwk, "jwk");
        if (!kid.equals(jwk.getKeyID())) {
            throw new IllegalArgumentException("kid does not match the JWK's key id");
        }
    }

    /** A fresh key pair for {@code algorithm}, marked for signatures, named by its thumbprint. */
    public static SigningKey generate(SigningAlgorithm algorithm, KeyStatus status, Instant now) {
        try {
            JWK jwk = switch (algorithm) {
                case RS256 -> new RSAKeyGenerator(RSA_BITS)
                        .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint(true).generate();
                case ES256 -> new ECKeyGenerator(Curve.P_256)
                        .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).keyIDFromThumbprint(true).generate();
            };
            return new SigningKey(jwk.getKeyID(), status, jwk, now.truncatedTo(ChronoUnit.MILLIS), null);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
        }
    }

    public SigningAlgorithm algorithm() {
        Algorithm alg = jwk.getAlgorithm();
        return SigningAlgorithm.valueOf(alg.getName());
    }

    public JWSAlgorithm jwsAlgorithm() {
        return JWSAlgorithm.parse(jwk.getAlgorithm().getName());
    }

    /** The public half, as published in the JWK set. */
    public JWK publicJwk() {
        return jwk.toPublicJWK();
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", status=" + status + ", algorithm=" + jwk.getAlgorithm()
                + ", createdAt=" + createdAt + ", retiredAt=" + retiredAt + "]";
    }
}
