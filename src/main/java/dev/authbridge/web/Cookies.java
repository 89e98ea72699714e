package dev.authbridge.web;

import dev.authbridge.api.PublicUrl;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * The cookies authbridge sets for browsers, always {@code HttpOnly} (no script reads them) and
 * {@code Path=/}. When served over TLS — the public URL is {@code https}, or this request came
 * over TLS — they are also {@code Secure} and named with the {@code __Host-} prefix, which a
 * browser accepts only from a secure origin for the exact host (no {@code Domain}), so a sibling
 * subdomain cannot plant or overwrite one (RFC 6265bis §4.1.3.2).
 */
public final class Cookies {
    /** How far a cookie may travel on cross-site requests (RFC 6265bis §5.4.7). */
    public enum SameSite { LAX, STRICT }

    private final PublicUrl publicUrl;

    public Cookies(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    public Optional<String> read(Context ctx, String name) {
        String value = ctx.cookie(wireName(ctx, name));
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /**
     * Sets a cookie for the browser's session (no {@code Max-Age}: gone when the browser
     * closes; the server enforces the real lifetime). {@code value} must be cookie-safe (ours
     * are base64url).
     */
    public void set(Context ctx, String name, String value, SameSite sameSite) {
        ctx.res().addHeader("Set-Cookie", wireName(ctx, name) + "=" + value + attributes(ctx, sameSite));
    }

    public void clear(Context ctx, String name, SameSite sameSite) {
        ctx.res().addHeader("Set-Cookie", wireName(ctx, name) + "=; Max-Age=0" + attributes(ctx, sameSite));
    }

    private String attributes(Context ctx, SameSite sameSite) {
        String site = sameSite == SameSite.STRICT ? "Strict" : "Lax";
        return "; Path=/; HttpOnly; SameSite=" + site + (secure(ctx) ? "; Secure" : "");
    }

    private String wireName(Context ctx, String name) {
        return secure(ctx) ? "__Host-" + name : name;
    }

    private boolean secure(Context ctx) {
        return publicUrl.base().startsWith("https:") || "https".equalsIgnoreCase(ctx.scheme());
    }
}
