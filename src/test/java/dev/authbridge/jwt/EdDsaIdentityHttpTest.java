package dev.authbridge.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.SignedJWT;
import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.HttpTestClient.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shipped configuration's {@code demo-services} client ({@code gwsUserAlgorithm: EdDSA}):
 * its {@code X-GWS-User} is an EdDSA JWS that verifies against {@code /jwks} fetched over HTTP,
 * as its resource servers would; {@code demo-client}'s stays RS256.
 */
class EdDsaIdentityHttpTest {
    @RegisterExtension
    static final DemoApp app = new DemoApp();

    private static SignedJWT gwsUser(String client) throws Exception {
        Response token = app.http().post("/auth/v3/oauth/token",
                HttpTestClient.form(HttpTestClient.fields("grant_type", "password", "username", "demo\\agent1",
                        "password", "agent1-Secret!")),
                "Authorization", HttpTestClient.basic(client, "demo-secret"),
                "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(200, token.status(), token.body());
        Response r = app.http().getWithBearer("/auth/v3/jwt-userinfo", token.json().get("access_token").asText());
        assertEquals(200, r.status(), r.body());
        return SignedJWT.parse(r.header("X-GWS-User"));
    }

    private static JWKSet jwks() throws Exception {
        Response r = app.http().get("/auth/v3/jwks");
        assertEquals(200, r.status());
        return JWKSet.parse(r.body());
    }

    @Test
    void jwtUserInfoWhenClientVerifiesEdDsaThenEd25519SignatureVerifiesAgainstJwks() throws Exception {
        SignedJWT jwt = gwsUser("demo-services");

        assertEquals(JWSAlgorithm.EdDSA, jwt.getHeader().getAlgorithm());
        OctetKeyPair key = (OctetKeyPair) jwks().getKeyByKeyId(jwt.getHeader().getKeyID());
        assertTrue(EdDsa.verifies(jwt, key), "signature against the published key");
        assertEquals(List.of("demo-services"), jwt.getJWTClaimsSet().getAudience());
        assertFalse(jwt.getJWTClaimsSet().getSubject().isEmpty());

        byte[] signature = jwt.getSignature().decode();
        signature[0] ^= 1;
        String forged = jwt.getHeader().toBase64URL() + "." + jwt.getPayload().toBase64URL() + "."
                + com.nimbusds.jose.util.Base64URL.encode(signature);
        assertFalse(EdDsa.verifies(SignedJWT.parse(forged), key), "a changed signature does not verify");
    }

    @Test
    void jwtUserInfoWhenClientLeavesTheAlgorithmOutThenSignedByTheSigningKey() throws Exception {
        SignedJWT jwt = gwsUser("demo-client");
        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertEquals("RSA", jwks().getKeyByKeyId(jwt.getHeader().getKeyID()).getKeyType().getValue());
    }
}
