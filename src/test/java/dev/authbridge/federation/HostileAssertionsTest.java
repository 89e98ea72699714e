package dev.authbridge.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tokens an attacker sends: each is a refusal with its reason, never an exception, and none
 * fetches keys more than the rate limit allows. The issuer's keys are fetched once before each
 * test, so that refusals are judged against keys at hand.
 */
class HostileAssertionsTest extends TrustedIssuerFixture {
    private static final RSAKey ATTACKER = TestIssuer.rsaKey("attacker");

    private TrustedIssuers issuers;

    @BeforeEach
    void trustTheTestIssuer() {
        issuers = issuers(IssuerConfigBuilder.of(idp).build());
        verified(issuers.verify(idp.sign(claims().build())));
    }

    private RefusalReason refusedFor(String token) {
        return reason(issuers.verify(token));
    }

    @Test
    void verifyWhenAlgNoneThenUnsigned() {
        assertEquals(RefusalReason.UNSIGNED, refusedFor(new PlainJWT(claims().build()).serialize()));
    }

    @Test
    void verifyWhenAlgNoneWithASignaturePartThenMalformed() {
        String token = base64("{\"alg\":\"none\"}") + "." + base64(claims().build().toString()) + ".c2lnbmF0dXJl";

        assertEquals(RefusalReason.MALFORMED, refusedFor(token));
    }

    @Test
    void verifyWhenHmacWithThePublicKeyAsSecretThenAlgorithmNotAllowed() throws JOSEException {
        // The classic confusion: a verifier that takes "the key" for HMAC would accept this.
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims().build());
        forged.sign(new MACSigner(idp.rsa().toRSAPublicKey().getEncoded()));

        assertEquals(RefusalReason.ALGORITHM_NOT_ALLOWED, refusedFor(forged.serialize()));
    }

    @Test
    void verifyWhenAlgorithmNotAcceptedForTheIssuerThenAlgorithmNotAllowed() {
        String ps256 = TestIssuer.sign(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("rsa-1").build(), idp.rsa(),
                claims().build());

        assertEquals(RefusalReason.ALGORITHM_NOT_ALLOWED, refusedFor(ps256));
    }

    @Test
    void verifyWhenSignedByAnotherKeyWithItsOwnKidThenUnknownKey() {
        String token = TestIssuer.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").build(), ATTACKER,
                claims().build());

        assertEquals(RefusalReason.UNKNOWN_KEY, refusedFor(token));
    }

    @Test
    void verifyWhenSignedByAnotherKeyUnderTheIssuersKidThenBadSignature() {
        String token = TestIssuer.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), ATTACKER,
                claims().build());

        AssertionRefusal refusal = refusal(issuers.verify(token));

        assertEquals(RefusalReason.BAD_SIGNATURE, refusal.reason());
        assertNull(refusal.jti(), "a forged token's jti is not repeated");
    }

    @Test
    void verifyWhenSignedByAnotherTrustedIssuersKeyThenBadSignature() {
        try (TestIssuer other = TestIssuer.startWithOwnKeys()) {
            TrustedIssuers both = issuers(IssuerConfigBuilder.of(idp).build(), IssuerConfigBuilder.of(other).build());
            // Signed by the other issuer, claiming to be ours, under our kid.
            String token = TestIssuer.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), other.rsa(),
                    claims().build());

            assertEquals(RefusalReason.BAD_SIGNATURE, reason(both.verify(token)));
            assertEquals(0, other.fetches(), "a token is checked against the keys of the issuer it names only");
        }
    }

    @Test
    void verifyWhenTheHeaderCarriesItsOwnKeyThenThatKeyIsIgnored() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").jwk(ATTACKER.toPublicJWK())
                .jwkURL(URI.create("https://attacker.example.com/jwks")).build();

        assertEquals(RefusalReason.UNKNOWN_KEY, refusedFor(TestIssuer.sign(header, ATTACKER, claims().build())));
    }

    @Test
    void verifyWhenEncryptedThenEncrypted() throws JOSEException {
        EncryptedJWT jwe = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM),
                claims().build());
        jwe.encrypt(new RSAEncrypter(idp.rsa().toRSAPublicKey()));

        assertEquals(RefusalReason.ENCRYPTED, refusedFor(jwe.serialize()));
    }

    @Test
    void verifyWhenCriticalHeaderThenCriticalHeader() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .customParam("https://example.com/must-understand", true)
                .criticalParams(Set.of("https://example.com/must-understand")).build();

        assertEquals(RefusalReason.CRITICAL_HEADER, refusedFor(TestIssuer.sign(header, idp.rsa(), claims().build())));
    }

    @Test
    void verifyWhenTypeIsAnotherKindOfTokenThenBadType() {
        JWSHeader accessToken = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").type(new JOSEObjectType("at+jwt")).build();
        JWSHeader jwt = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").type(new JOSEObjectType("jwt")).build();

        assertEquals(RefusalReason.BAD_TYPE, refusedFor(TestIssuer.sign(accessToken, idp.rsa(), claims().build())));
        verified(issuers.verify(TestIssuer.sign(jwt, idp.rsa(), claims().build())));
    }

    @Test
    void verifyWhenLargerThanTheBoundThenTooLargeWithoutParsing() {
        String token = idp.sign(claims().claim("padding", "x".repeat(TrustedIssuers.MAX_LENGTH)).build());

        assertEquals(RefusalReason.TOO_LARGE, refusedFor(token));
    }

    @Test
    void verifyWhenIssuerUnknownThenUnknownIssuerNamingWhatItClaimed() {
        AssertionRefusal refusal = refusal(issuers.verify(idp.sign(claims().issuer(idp.issuer() + "/").build())));

        assertEquals(RefusalReason.UNKNOWN_ISSUER, refusal.reason());
        assertNull(refusal.issuer());
        assertEquals(idp.issuer() + "/", refusal.claimedIssuer(), "what an operator needs to see the trailing slash");
    }

    @Test
    void verifyWhenClaimedIssuerLongWithControlCharactersThenShortenedAndCleaned() {
        String claimed = "https://evil.example.com/\r\nforged: line" + "x".repeat(500);

        AssertionRefusal refusal = refusal(issuers.verify(idp.sign(claims().issuer(claimed).build())));

        assertEquals(RefusalReason.UNKNOWN_ISSUER, refusal.reason());
        assertEquals(("https://evil.example.com/??forged: line" + "x".repeat(500)).substring(0, 200) + "…",
                refusal.claimedIssuer());
    }

    @Test
    void verifyWhenNoIssuerThenUnknownIssuer() {
        AssertionRefusal refusal = refusal(issuers.verify(idp.sign(claims().issuer(null).build())));

        assertEquals(RefusalReason.UNKNOWN_ISSUER, refusal.reason());
        assertNull(refusal.claimedIssuer());
    }

    static Stream<Arguments> malformed() {
        String header = base64("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}");
        String nested = "[".repeat(6000) + "]".repeat(6000);
        return Stream.of(
                Arguments.of("null", null),
                Arguments.of("empty", ""),
                Arguments.of("one word", "assertion"),
                Arguments.of("two parts", header + "." + base64("{}")),
                Arguments.of("dots only", "..."),
                Arguments.of("four parts", header + ".e30.c2ln.c2ln"),
                Arguments.of("header not JSON", base64("alg=RS256") + ".e30.c2ln"),
                Arguments.of("header without alg", base64("{\"kid\":\"rsa-1\"}") + ".e30.c2ln"),
                Arguments.of("header alg a number", base64("{\"alg\":256}") + ".e30.c2ln"),
                Arguments.of("payload not base64", header + ".!!!.c2ln"),
                Arguments.of("payload not JSON", header + "." + base64("hello") + ".c2ln"),
                Arguments.of("payload a JSON array", header + "." + base64("[1,2]") + ".c2ln"),
                Arguments.of("iss a number", header + "." + base64("{\"iss\":42}") + ".c2ln"),
                Arguments.of("exp a string", header + "." + base64("{\"iss\":\"x\",\"exp\":\"soon\"}") + ".c2ln"),
                Arguments.of("deeply nested header", base64("{\"alg\":\"RS256\",\"x\":" + nested + "}") + ".e30.c2ln"),
                Arguments.of("deeply nested payload", header + "." + base64("{\"x\":" + nested + "}") + ".c2ln"),
                Arguments.of("JSON serialization", "{\"payload\":\"e30\",\"signatures\":[]}"),
                Arguments.of("unicode", "ж.ж.ж"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void verifyWhenMalformedThenMalformed(String what, String token) {
        assertEquals(RefusalReason.MALFORMED, refusedFor(token));
    }

    @Test
    void verifyWhenValidlySignedPayloadIsNotClaimsThenMalformed() throws JOSEException {
        JWSObject notAJwt = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(),
                new Payload("hello"));
        notAJwt.sign(new RSASSASigner(idp.rsa()));

        assertEquals(RefusalReason.MALFORMED, refusedFor(notAJwt.serialize()));
    }

    @Test
    void verifyWhenHostileTokensThenNoMoreFetchesThanTheFirst() {
        verifyWhenSignedByAnotherKeyWithItsOwnKidThenUnknownKey();
        verifyWhenTheHeaderCarriesItsOwnKeyThenThatKeyIsIgnored();
        verifyWhenSignedByAnotherKeyUnderTheIssuersKidThenBadSignature();

        assertEquals(1, idp.fetches(), "refusals are judged by the keys at hand, within the refresh interval");
    }

}
