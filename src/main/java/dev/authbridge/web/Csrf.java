package dev.authbridge.web;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF protection of authbridge's own forms: the sign-in form (RFC 6749 §10.12: a forged sign-in
 * would sign the victim in as the attacker), the password change form and the sign-out
 * confirmation.
 *
 * <p>A form token is an HMAC-SHA256, under a server key, over the form's purpose, a secret the
 * browser holds in an {@code HttpOnly} cookie (the CSRF cookie; the session cookie for the
 * sign-out form), every parameter the form carries ({@link Form}) and when it was issued. So:
 * <ul>
 *   <li>another site can make a browser post the form, but cannot read the page (no CORS on
 *       pages) nor the cookie, so it has no token that matches the victim's cookie;
 *   <li>a token works only for the form it was issued for: another purpose, another
 *       authorization request (client, redirect URI, state, PKCE challenge…) or another user is
 *       refused, and so is a token older than {@link #LIFETIME};
 *   <li>a cookie/token pair that an attacker obtained himself and plants into the victim's
 *       browser: over HTTPS the cookie is {@code __Host-} prefixed ({@link Cookies}), which
 *       neither a sibling subdomain nor a plain-HTTP response can set. Over plain HTTP any cookie
 *       can be planted, so what is left is the browser's own word on who sent the post: one whose
 *       {@code Sec-Fetch-Site} is not {@code same-origin} (a sibling subdomain is {@code
 *       same-site}) is refused whatever it carries. A browser without Fetch Metadata over plain
 *       HTTP has the token alone; production runs on HTTPS.
 * </ul>
 * The key comes from a {@link Supplier}: {@link #processKey()} is new at each start (a form
 * opened before a restart is shown again with a fresh token); {@link #sharedKey} reads it from
 * where every instance finds the same one (authbridge keeps it in its store), so a form shown by
 * one instance is posted to another.
 */
public final class Csrf {
    /** How long a form stays valid; an older one is shown again with a fresh token. */
    public static final Duration LIFETIME = Duration.ofHours(1);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_TOKEN_LENGTH = 100;
    private static final byte[] CONTEXT = "authbridge form token v1".getBytes(StandardCharsets.UTF_8);

    private final Supplier<SecretKey> key;
    private final Clock clock;

    public Csrf(Supplier<SecretKey> key, Clock clock) {
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What a token is for: the form's {@code purpose} ({@code sign-in}, {@code change-password},
     * {@code sign-out}) and the parameters it carries, whose order does not matter.
     */
    public record Form(String purpose, Map<String, String> fields) {
        public Form {
            Objects.requireNonNull(purpose, "purpose");
            fields = Map.copyOf(fields);
        }
    }

    /** A random 256-bit key, new at each start of the process. */
    public static Supplier<SecretKey> processKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        SecretKey key = new SecretKeySpec(bytes, ALGORITHM);
        return () -> key;
    }

    /**
     * The key made from {@code material} (at least 32 bytes) the first time it answers, then kept:
     * until then each use asks again, and its failure (the store unavailable) is the caller's.
     */
    public static Supplier<SecretKey> sharedKey(Supplier<byte[]> material) {
        return new Supplier<>() {
            private volatile SecretKey key;

            @Override
            public SecretKey get() {
                SecretKey k = key;
                if (k == null) {
                    byte[] bytes = material.get();
                    if (bytes.length < 32) {
                        throw new IllegalStateException("a form key needs at least 32 bytes");
                    }
                    k = new SecretKeySpec(bytes, ALGORITHM);
                    key = k;
                }
                return k;
            }
        };
    }

    /** A token for {@code form} in the browser holding {@code browserSecret} (an opaque cookie value). */
    public String issue(String browserSecret, Form form) {
        long issuedAt = clock.instant().getEpochSecond();
        return issuedAt + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(browserSecret, form, issuedAt));
    }

    /**
     * Whether {@code token} was issued for {@code form} in the browser holding {@code
     * browserSecret}, within {@link #LIFETIME}, and the post came from authbridge's own page.
     * Compared in constant time.
     */
    public boolean valid(Context ctx, String browserSecret, Form form, String token) {
        if (fromAnotherOrigin(ctx) || browserSecret == null || browserSecret.isEmpty() || token == null
                || token.length() > MAX_TOKEN_LENGTH) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot < 1 || dot > 12 || !token.substring(0, dot).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        long issuedAt = Long.parseLong(token.substring(0, dot));
        long now = clock.instant().getEpochSecond();
        if (issuedAt > now + CLOCK_SKEW.toSeconds() || now - issuedAt > LIFETIME.toSeconds()) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(browserSecret, form, issuedAt), presented);
    }

    /**
     * Fetch Metadata (W3C): the browser says where a request came from, and no page can make it
     * say otherwise. Absent (an older browser, a non-browser client), the token decides alone.
     */
    private static boolean fromAnotherOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        return site != null && !site.equals("same-origin");
    }

    private byte[] mac(String browserSecret, Form form, long issuedAt) {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        field(input, CONTEXT);
        field(input, form.purpose().getBytes(StandardCharsets.UTF_8));
        field(input, browserSecret.getBytes(StandardCharsets.UTF_8));
        field(input, ByteBuffer.allocate(Long.BYTES).putLong(issuedAt).array());
        new TreeMap<>(form.fields()).forEach((name, value) -> {
            field(input, name.getBytes(StandardCharsets.UTF_8));
            field(input, value.getBytes(StandardCharsets.UTF_8));
        });
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key.get());
            return mac.doFinal(input.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has " + ALGORITHM, e);
        }
    }

    /** Length-prefixed, so no two different inputs encode the same way. */
    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }
}
