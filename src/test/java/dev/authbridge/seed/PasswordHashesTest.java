package dev.authbridge.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 2307-style password values, checked against values OpenLDAP's slappasswd wrote. */
class PasswordHashesTest {
    private static final String PASSWORD = "agent1-Secret!";

    /** {@code slappasswd -o module-load=pw-sha2 -h <scheme> -s 'agent1-Secret!'} */
    @ParameterizedTest
    @ValueSource(strings = {
            "{SSHA}hMM32ZLZm7PEVH/kLCMKk5BysZIM8Pt8",
            "{SHA}DBW6GICYjDep/djiyZg4lpTZjnc=",
            "{SSHA256}Q9s+7ropUwVsqlW533J7adfZvr5ORX+xBYwf0npy2gDNygCJll9S/w==",
            "{SSHA512}vLOGIQPNlWVgLpqzBFV+bZ3QmTeL0O16WsyCiXNJobnFZnO8MG4s78w4mUue4twzEXJrV3yY+0FU1HY4CLKyA1vAU98QXjzr",
            "{SHA512}Re3xDgHJwmZ7ZYnIwuPWLCf7jJSUIXqm9wBdizG8NF6CFXU2if+yVF9/5ZcyGIX3hZTcrJB06eW1zh4wrxNpvA==",
            "{ssha}hMM32ZLZm7PEVH/kLCMKk5BysZIM8Pt8",
            "agent1-Secret!",
            "{CLEARTEXT}agent1-Secret!"})
    void verifyWhenSlappasswdValueThenRightPasswordOnly(String stored) {
        assertEquals(Optional.of(true), PasswordHashes.verify(stored, PASSWORD));
        assertEquals(Optional.of(false), PasswordHashes.verify(stored, "agent1-secret!"));
        assertEquals(Optional.of(false), PasswordHashes.verify(stored, ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{CRYPT}0zNcxVZaOvY9Y", "{ARGON2}$argon2id$v=19$m=65536,t=2,p=1$abc$def", "{PBKDF2-SHA512}10000$x$y"})
    void verifyWhenSchemeUnknownThenEmptySoTheServerIsAsked(String stored) {
        assertEquals(Optional.empty(), PasswordHashes.verify(stored, PASSWORD));
        assertTrue(PasswordHashes.isHashed(stored));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{SSHA}", "{SSHA}not*base64", "{SHA}AAAA", "{SSHA512}c2hvcnQ="})
    void verifyWhenValueMalformedThenFalseNeverAnException(String stored) {
        assertEquals(Optional.of(false), PasswordHashes.verify(stored, PASSWORD));
    }

    @ParameterizedTest
    @EnumSource(value = PasswordScheme.class, names = {"SSHA512", "SSHA256", "SSHA"})
    void hashWhenCalledTwiceThenSaltedDifferentlyAndBothVerify(PasswordScheme scheme) {
        String a = PasswordHashes.hash(scheme, PASSWORD);
        String b = PasswordHashes.hash(scheme, PASSWORD);
        assertTrue(a.startsWith("{" + scheme.name() + "}"), a);
        assertNotEquals(a, b, "a fresh salt each time");
        assertEquals(Optional.of(true), PasswordHashes.verify(a, PASSWORD));
        assertEquals(Optional.of(false), PasswordHashes.verify(b, PASSWORD + "x"));
    }

    @ParameterizedTest
    @CsvSource({"plain,false", "{SSHA}abc,true", "{bad scheme}x,false", "x{SSHA}y,false"})
    void isHashedWhenValueThenOnlyALeadingSchemeCounts(String value, boolean hashed) {
        assertEquals(hashed, PasswordHashes.isHashed(value));
        assertFalse(PasswordHashes.isHashed(""));
    }
}
