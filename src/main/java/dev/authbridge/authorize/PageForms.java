package dev.authbridge.authorize;

import dev.authbridge.session.OpaqueIds;
import dev.authbridge.web.Cookies;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the forms of the sign-in pages (the sign-in form, the password change form) share: the
 * CSRF token bound to the browser's cookie ({@link Csrf}), the authorization parameters carried
 * in hidden fields, and how a single form field is read.
 */
final class PageForms {
    private final Csrf csrf;
    private final Cookies cookies;

    PageForms(Csrf csrf, Cookies cookies) {
        this.csrf = csrf;
        this.cookies = cookies;
    }

    /** The form token for this browser, setting its CSRF cookie first when it has none. */
    String csrfToken(Context ctx) {
        String cookie = cookies.read(ctx, Csrf.COOKIE).filter(OpaqueIds::plausible).orElse(null);
        if (cookie == null) {
            cookie = OpaqueIds.next();
            cookies.set(ctx, Csrf.COOKIE, cookie, Cookies.SameSite.STRICT);
        }
        return csrf.tokenFor(cookie);
    }

    /** Whether the posted form's token belongs to this browser's CSRF cookie. */
    boolean csrfValid(Context ctx, Map<String, List<String>> form) {
        return csrf.verify(cookies.read(ctx, Csrf.COOKIE).orElse(null), single(form, "csrf"));
    }

    /** The authorization request's parameters as hidden fields ({@code name}, {@code value}). */
    static List<Map<String, String>> hiddenFields(Authorization a) {
        List<Map<String, String>> hidden = new ArrayList<>();
        a.request().carried().forEach((name, value) -> hidden.add(Map.of("name", name, "value", value)));
        return hidden;
    }

    /** A field given exactly once and not empty, else null. */
    static String single(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.size() != 1 || values.get(0).isEmpty() ? null : values.get(0);
    }
}
