package dev.authbridge.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Redirect URI matching: exact, or same origin for a bare-origin registration; nothing else. */
class RedirectUrisTest {

    @ParameterizedTest
    @CsvSource({
        "https://app.example/cb, https://app.example/cb",
        "https://wwe.example.com, https://wwe.example.com/ui/index.html?x=1",
        "https://wwe.example.com, https://WWE.example.com:443/",
        "http://127.0.0.1:8095, http://127.0.0.1:8095/callback"})
    void matchesWhenAllowedThenTrue(String registered, String requested) {
        assertTrue(RedirectUris.matches(registered, requested));
    }

    @ParameterizedTest
    @CsvSource({
        "https://app.example/cb, https://app.example/cb/",
        "https://app.example/cb, https://app.example/cb?x=1",
        "https://app.example/cb, https://evil.example/?x=https://app.example/cb",
        "https://app.example/cb, https://app.example/cb/../admin",
        "https://app.example/cb, http://app.example/cb",
        "https://app.example/cb, https://app.example:8443/cb",
        "https://app.example/cb, https://app.example.evil.example/cb",
        "https://wwe.example.com, https://wwe.example.com.evil.example/",
        "https://wwe.example.com, https://user@wwe.example.com/",
        "https://wwe.example.com, http://wwe.example.com/",
        "https://wwe.example.com, https://wwe.example.com:8443/",
        "https://wwe.example.com, https://wwe.example.com/a/../b",
        "https://wwe.example.com, https://wwe.example.com/#frag",
        "https://wwe.example.com, javascript:alert(1)"})
    void matchesWhenLookAlikeThenFalse(String registered, String requested) {
        assertFalse(RedirectUris.matches(registered, requested));
    }
}
