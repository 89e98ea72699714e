package dev.authbridge.authorize;

import dev.authbridge.api.PublicUrl;
import io.javalin.http.Context;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sign-in page: user name, password and, unless the request hides it, the tenant; an error
 * above them when there is one, with the focus on the password when the name is already there.
 * Its form posts to {@code /sign-in} with every authorization parameter in hidden fields and a
 * CSRF token ({@link FormPage}).
 */
final class SignInPage {
    private final FormPage form;
    private final PublicUrl publicUrl;
    private final boolean hasDefaultTenant;

    /** @param hasDefaultTenant whether bare names belong to a default tenant (the page says so) */
    SignInPage(FormPage form, PublicUrl publicUrl, boolean hasDefaultTenant) {
        this.form = form;
        this.publicUrl = publicUrl;
        this.hasDefaultTenant = hasDefaultTenant;
    }

    void show(Context ctx, Authorization a, int status, String error, String username, String tenant) {
        List<String> describedBy = new ArrayList<>();
        if (error != null) {
            describedBy.add("error");
        }
        if (a.hideTenant()) {
            describedBy.add("username-hint");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Sign in");
        model.put("clientId", a.client().id());
        model.put("error", error);
        model.put("action", URI.create(publicUrl.base()).getRawPath() + PublicUrl.BASE_PATH + "/sign-in");
        model.put("username", username == null ? "" : username);
        model.put("tenant", tenant == null ? "" : tenant);
        model.put("hideTenant", a.hideTenant());
        model.put("hasDefaultTenant", hasDefaultTenant);
        model.put("focusPassword", error != null && username != null);
        model.put("usernameDescribedBy", String.join(" ", describedBy));
        form.write(ctx, status, "signin", model, a, FormPage.signIn(a));
    }
}
