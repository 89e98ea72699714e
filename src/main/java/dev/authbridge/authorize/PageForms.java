package dev.authbridge.authorize;

import dev.authbridge.directory.LoginName;
import dev.authbridge.session.OpaqueIds;
import dev.authbridge.web.Cookies;
import dev.authbridge.web.Csrf;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the forms of the sign-in pages (the sign-in form, the password change form) share: the
 * CSRF token ({@link Csrf}) bound to the browser's CSRF cookie and to the form — its purpose,
 * the authorization parameters it carries in hidden fields and, for the password change, the
 * user — and how a single form field is read.
 */
final class PageForms {
    /** The browser's CSRF cookie: random, {@code HttpOnly}, {@code SameSite=Strict}, {@code __Host-} over TLS. */
    static final String COOKIE = "authbridge_csrf";

    private final Csrf csrf;
    private final Cookies cookies;

    PageForms(Csrf csrf, Cookies cookies) {
        this.csrf = csrf;
        this.cookies = cookies;
    }

    /** The sign-in form of one authorization request. */
    static Csrf.Form signIn(Authorization a) {
        return new Csrf.Form("sign-in", a.request().carried());
    }

    /** The password change form of one authorization request, for one user. */
    static Csrf.Form passwordChange(Authorization a, LoginName login) {
        Map<String, String> fields = new LinkedHashMap<>(a.request().carried());
        fields.put("username", login.toString());
        return new Csrf.Form("change-password", fields);
    }

    /** The token of {@code form} for this browser, setting its CSRF cookie first when it has none. */
    String csrfToken(Context ctx, Csrf.Form form) {
        String cookie = cookies.read(ctx, COOKIE).filter(OpaqueIds::plausible).orElse(null);
        if (cookie == null) {
            cookie = OpaqueIds.next();
            cookies.set(ctx, COOKIE, cookie, Cookies.SameSite.STRICT);
        }
        return csrf.issue(cookie, form);
    }

    /** Whether the posted token is this browser's for {@code form}, sent from authbridge's own page. */
    boolean csrfValid(Context ctx, Csrf.Form form, Map<String, List<String>> posted) {
        String cookie = cookies.read(ctx, COOKIE).filter(OpaqueIds::plausible).orElse(null);
        return csrf.valid(ctx, cookie, form, single(posted, "csrf"));
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
