package dev.authbridge.authorize;

import dev.authbridge.session.OpaqueIds;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF protection of the sign-in form (RFC 6749 §10.12: a forged sign-in would sign the victim
 * in as the attacker). Signed double submit: the browser holds a random cookie ({@code
 * HttpOnly}, {@code SameSite=Strict}), and the form carries its HMAC-SHA256 under a key that
 * only this process knows. Another site can make a browser post the form, but can neither read
 * the cookie nor compute the HMAC; a cookie planted by a sibling subdomain fails too, having no
 * matching form token. The key is new at each start: a form opened before a restart is simply
 * shown again with a fresh token.
 */
final class Csrf {
    static final String COOKIE = "authbridge_csrf";

    private final SecretKeySpec key;

    Csrf() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    String tokenFor(String cookie) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(cookie.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }

    /** Whether the form token belongs to the cookie; compared in constant time. */
    boolean verify(String cookie, String token) {
        if (!OpaqueIds.plausible(cookie) || token == null) {
            return false;
        }
        return MessageDigest.isEqual(tokenFor(cookie).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
