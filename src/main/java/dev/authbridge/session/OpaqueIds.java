package dev.authbridge.session;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Opaque random values for what a browser carries (session cookies, authorization codes, CSRF
 * cookies): 256 bits from {@link SecureRandom}, base64url without padding (43 characters, safe
 * in cookies, URLs and HTML without encoding). Far above the 128 bits RFC 6749 §10.10 asks
 * for, so guessing one is out of reach.
 */
public final class OpaqueIds {
    /** Longest value accepted back from a client before hashing; ours are 43 characters. */
    public static final int MAX_LENGTH = 128;

    private static final SecureRandom RANDOM = new SecureRandom();

    private OpaqueIds() {}

    public static String next() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether a presented value could be one of ours (cheap check before hashing and lookup). */
    public static boolean plausible(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_LENGTH;
    }
}
