package dev.authbridge.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PKCE S256 (RFC 7636). */
public class PkceTest {
    /** RFC 7636 Appendix B. */
    public static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    public static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void challengeOfWhenRfcExampleThenRfcChallenge() {
        assertEquals(CHALLENGE, Pkce.challengeOf(VERIFIER));
        assertTrue(Pkce.matches(VERIFIER, CHALLENGE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXK", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            "short", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk ", "dBjftJeZ4CVP+mB92K27uhbUJU1p1r/wW1gFWFOEjXk", ""})
    void matchesWhenVerifierWrongOrMalformedThenFalse(String verifier) {
        assertFalse(Pkce.matches(verifier, CHALLENGE));
    }

    @Test
    void isValidVerifierWhenLengthAtBoundsThenOnly43To128() {
        assertFalse(Pkce.isValidVerifier("a".repeat(42)));
        assertTrue(Pkce.isValidVerifier("a".repeat(43)));
        assertTrue(Pkce.isValidVerifier("a".repeat(128)));
        assertFalse(Pkce.isValidVerifier("a".repeat(129)));
        assertFalse(Pkce.isValidVerifier(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM=",
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM", "plain-challenge"})
    void isValidChallengeWhenNotS256ShapeThenFalse(String challenge) {
        assertFalse(Pkce.isValidChallenge(challenge));
    }
}
