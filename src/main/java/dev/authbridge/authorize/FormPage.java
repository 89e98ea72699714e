package dev.authbridge.authorize;

import dev.authbridge.directory.LoginName;
import dev.authbridge.session.OpaqueIds;
import dev.authbridge.web.Cookies;
import dev.authbridge.web.Csrf;
import dev.authbridge.web.Pages;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sign-in's form pages (the sign-in form, the password change form) share: the CSRF
 * token ({@link Csrf}) bound to the browser's CSRF cookie and to the form — its purpose, the
 * authorization parameters it carries in hidden fields and, for the password change, the user —
 * and the writing of such a page, whose post may be redirected to the client.
 */
final class FormPage {
    /** The browser's CSRF cookie: random, {@code HttpOnly}, {@code SameSite=Strict}, {@code __Host-} over TLS. */
    static final String COOKIE = "authbridge_csrf";

    private final Csrf csrf;
    private final Cookies cookies;

    FormPage(Csrf csrf, Cookies cookies) {
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

    /** Whether the posted token is this browser's for {@code form}, sent from authbridge's own page. */
    boolean csrfValid(Context ctx, Csrf.Form form, String token) {
        String cookie = cookies.read(ctx, COOKIE).filter(OpaqueIds::plausible).orElse(null);
        return csrf.valid(ctx, cookie, form, token);
    }

    /**
     * Answers {@code template} as the page of {@code form}: its CSRF token, the authorization
     * parameters as hidden fields, and a policy that lets the post redirect to the client.
     */
    void write(Context ctx, int status, String template, Map<String, Object> model, Authorization a,
            Csrf.Form form) {
        model.put("csrf", csrfToken(ctx, form));
        model.put("params", hiddenFields(a));
        Pages.writeForm(ctx, status, template, model, List.of(Pages.origin(a.redirectUri())));
    }

    /** The token of {@code form} for this browser, setting its CSRF cookie first when it has none. */
    private String csrfToken(Context ctx, Csrf.Form form) {
        String cookie = cookies.read(ctx, COOKIE).filter(OpaqueIds::plausible).orElse(null);
        if (cookie == null) {
            cookie = OpaqueIds.next();
            cookies.set(ctx, COOKIE, cookie, Cookies.SameSite.STRICT);
        }
        return csrf.issue(cookie, form);
    }

    /** The authorization request's parameters as hidden fields ({@code name}, {@code value}). */
    private static List<Map<String, String>> hiddenFields(Authorization a) {
        List<Map<String, String>> hidden = new ArrayList<>();
        a.request().carried().forEach((name, value) -> hidden.add(Map.of("name", name, "value", value)));
        return hidden;
    }
}
