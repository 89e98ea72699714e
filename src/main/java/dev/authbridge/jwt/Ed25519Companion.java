package dev.authbridge.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The Ed25519 key (RFC 8037, JWS {@code EdDSA}) beside one signing key, for the clients whose
 * services verify {@code X-GWS-User} as EdDSA: a signature takes ~0.03 ms with Bouncy Castle,
 * an RS256 one ~0.8 ms. It is derived, never stored: its 32-byte private key is
 * HMAC-SHA256(the store's shared secret, the signing key's kid), so every instance on the store
 * holds the same key without a word between them, and it is rotated, published and retired
 * with its signing key. Whoever can read the store can read the signing keys' private halves
 * too, so the derivation gives away nothing they do not already hold.
 */
final class Ed25519Companion {
    private static final String CONTEXT = "authbridge X-GWS-User Ed25519 key of ";

    private final Ed25519PrivateKeyParameters privateKey;
    private final OctetKeyPair publicJwk;

    private Ed25519Companion(Ed25519PrivateKeyParameters privateKey, OctetKeyPair publicJwk) {
        this.privateKey = privateKey;
        this.publicJwk = publicJwk;
    }

    /** The companion of the signing key {@code signingKid}, under the store's {@code secret}. */
    static Ed25519Companion of(byte[] secret, String signingKid) {
        byte[] seed;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            seed = mac.doFinal((CONTEXT + signingKid).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(seed, 0);
        OctetKeyPair jwk;
        try {
            jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(key.generatePublicKey().getEncoded()))
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.EdDSA)
                    .keyIDFromThumbprint()
                    .build();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the thumbprint of an Ed25519 key", e);
        }
        return new Ed25519Companion(key, jwk);
    }

    String kid() {
        return publicJwk.getKeyID();
    }

    /** The public half, as published beside its signing key. */
    OctetKeyPair publicJwk() {
        return publicJwk;
    }

    /** Signs as JWS {@code EdDSA}; thread-safe (one Bouncy Castle signer per signature). */
    JWSSigner signer() {
        return new JWSSigner() {
            private final JCAContext jca = new JCAContext();

            @Override
            public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
                if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
                    throw new JOSEException("an Ed25519 key signs EdDSA only, not " + header.getAlgorithm());
                }
                Ed25519Signer signer = new Ed25519Signer();
                signer.init(true, privateKey);
                signer.update(signingInput, 0, signingInput.length);
                return Base64URL.encode(signer.generateSignature());
            }

            @Override
            public Set<JWSAlgorithm> supportedJWSAlgorithms() {
                return Set.of(JWSAlgorithm.EdDSA);
            }

            @Override
            public JCAContext getJCAContext() {
                return jca;
            }
        };
    }

    @Override
    public String toString() {
        return "Ed25519Companion[kid=" + kid() + "]";
    }
}
