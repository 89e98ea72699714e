package dev.authbridge.authorize;

import dev.authbridge.api.PublicUrl;
import dev.authbridge.directory.LoginName;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sign-in page's password change form: shown instead of a refusal when the password proved
 * right but has expired or was reset ("change it to continue"), and after a sign-in the directory
 * warned about ("expires in 3 days", "2 grace sign-ins left", with a way to continue as is). The
 * form ({@code POST /sign-in/change-password}) carries the authorization parameters and a CSRF
 * token like the sign-in form ({@link FormPage}), and asks for the current password again:
 * authbridge keeps no password between two requests. What a post leads to, {@link SignInFlow}
 * decides.
 */
final class PasswordChangePage {
    static final String PATH = PublicUrl.BASE_PATH + "/sign-in/change-password";

    private final FormPage form;
    private final PublicUrl publicUrl;

    PasswordChangePage(FormPage form, PublicUrl publicUrl) {
        this.form = form;
        this.publicUrl = publicUrl;
    }

    /**
     * @param error what was wrong with the last post, or null
     * @param notice why the password must change, or the directory's warning; null for none
     * @param mayContinue offer the way on without a change (the sign-in is made)
     */
    void show(Context ctx, Authorization a, LoginName login, int status, String error, String notice,
            boolean mayContinue) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Change your password");
        model.put("clientId", a.client().id());
        model.put("username", login.toString());
        model.put("error", error);
        model.put("notice", notice);
        model.put("continueUrl", mayContinue ? continueUrl(a) : null);
        model.put("action", URI.create(publicUrl.base()).getRawPath() + PATH);
        form.write(ctx, status, "changepassword", model, a, FormPage.passwordChange(a, login));
    }

    /**
     * The authorization request again, without {@code prompt}: the browser session just started
     * answers it at once with a fresh code, however long the user read the page.
     */
    String continueUrl(Authorization a) {
        String query = a.request().carried().entrySet().stream()
                .filter(e -> !e.getKey().equals("prompt"))
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(publicUrl.base()).getRawPath() + PublicUrl.BASE_PATH + "/oauth/authorize?" + query;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
