package dev.authbridge.session;

import dev.authbridge.api.PublicUrl;
import dev.authbridge.web.Csrf;
import dev.authbridge.web.Pages;
import dev.authbridge.web.Parameters;
import io.javalin.http.Context;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages of a sign-out by the session cookie alone: the confirmation ("Sign out?"), whose form
 * posts the same parameters back with a CSRF token bound to the session cookie and to them, and
 * the page that says the browser is signed out when there is nowhere to redirect to.
 */
final class SignOutPage {
    static final String FORM_EXPIRED = "This sign-out form has expired or did not come from this page. "
            + "Please confirm again.";

    private final Csrf csrf;
    private final PublicUrl publicUrl;

    SignOutPage(Csrf csrf, PublicUrl publicUrl) {
        this.csrf = csrf;
        this.publicUrl = publicUrl;
    }

    /** Whether the posted confirmation is this browser's for exactly these parameters. */
    boolean confirmed(Context ctx, String sessionCookie, SignOutRequest r) {
        String token = Parameters.single(ctx.formParamMap(), "csrf");
        return token != null && csrf.valid(ctx, sessionCookie, form(r), token);
    }

    /** "Sign out?"; after a refused post with {@code error}. */
    void confirm(Context ctx, int status, String error, SignOut.Outcome.Confirm confirm, String sessionCookie,
            SignOutRequest r) {
        String query = r.query();
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Sign out");
        model.put("username", confirm.session().owner().userName());
        model.put("error", error);
        model.put("global", r.global());
        model.put("destination", confirm.location() == null ? null : Pages.origin(confirm.location()));
        model.put("action", URI.create(publicUrl.base()).getRawPath() + PublicUrl.BASE_PATH + "/sign-out"
                + (query.isEmpty() ? "" : "?" + query));
        model.put("csrf", csrf.issue(sessionCookie, form(r)));
        Pages.writeForm(ctx, status, "signout", model,
                confirm.location() == null ? List.of() : List.of(Pages.origin(confirm.location())));
    }

    void signedOut(Context ctx, boolean global) {
        Pages.write(ctx, 200, "signedout", Map.of("title", "Signed out", "global", global));
    }

    private static Csrf.Form form(SignOutRequest r) {
        return new Csrf.Form("sign-out", r.fields());
    }
}
