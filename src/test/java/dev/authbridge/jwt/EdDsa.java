package dev.authbridge.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.SignedJWT;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Verifies an EdDSA JWS as a resource server would, from the published public key alone
 * (nimbus's own Ed25519 verifier needs Tink, which authbridge does not ship).
 */
public final class EdDsa {
    private EdDsa() {}

    public static boolean verifies(SignedJWT jwt, OctetKeyPair publicKey) {
        if (publicKey == null || !JWSAlgorithm.EdDSA.equals(jwt.getHeader().getAlgorithm())
                || !Curve.Ed25519.equals(publicKey.getCurve())) {
            return false;
        }
        byte[] input = jwt.getSigningInput();
        byte[] signature = jwt.getSignature().decode();
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey.getDecodedX(), 0));
        verifier.update(input, 0, input.length);
        return verifier.verifySignature(signature);
    }
}
