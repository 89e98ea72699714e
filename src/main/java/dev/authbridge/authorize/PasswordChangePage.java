package dev.authbridge.authorize;

import dev.authbridge.api.PublicUrl;
import dev.authbridge.config.Secret;
import dev.authbridge.directory.LoginName;
import dev.authbridge.directory.PasswordChangeResult;
import dev.authbridge.directory.PasswordReason;
import dev.authbridge.directory.PasswordWarning;
import dev.authbridge.directory.Tenants;
import dev.authbridge.lockout.LockedOutException;
import dev.authbridge.lockout.SignInAttempt;
import dev.authbridge.password.PasswordService;
import dev.authbridge.web.PageException;
import dev.authbridge.web.Pages;
import dev.authbridge.web.RequestOrigins;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sign-in page's password change: shown instead of a refusal when the password proved right
 * but has expired or was reset ("change it to continue"), and after a sign-in the directory
 * warned about ("expires in 3 days", "2 grace sign-ins left", with a way to continue as is).
 * The form ({@code POST /sign-in/change-password}) carries the authorization parameters and a
 * CSRF token like the sign-in form, and asks for the current password again: authbridge keeps
 * no password between two requests. A change that the directory accepts completes the sign-in
 * with the new password; a refusal shows the form again with the reason.
 */
final class PasswordChangePage {
    static final String PATH = PublicUrl.BASE_PATH + "/sign-in/change-password";
    static final String CHOOSE = "Choose a new password to continue.";
    static final String INCOMPLETE = "Enter your current password, and the new one twice.";
    static final String MISMATCH = "The new passwords do not match.";
    static final String CONTROL_CHARACTERS = "The new password must not contain control characters.";

    /** Finishes a sign-in the way the sign-in form does: a new browser session, then the redirect. */
    interface Completion {
        void complete(Context ctx, Authorization a, SignIn.Result.SignedIn signedIn);
    }

    private final AuthorizeEndpoint endpoint;
    private final SignIn signIn;
    private final PasswordService passwords;
    private final PublicUrl publicUrl;
    private final PageForms forms;
    private final Tenants tenants;
    private final Completion completion;

    PasswordChangePage(AuthorizeEndpoint endpoint, SignIn signIn, PasswordService passwords, PublicUrl publicUrl,
            PageForms forms, Tenants tenants, Completion completion) {
        this.endpoint = endpoint;
        this.signIn = signIn;
        this.passwords = passwords;
        this.publicUrl = publicUrl;
        this.forms = forms;
        this.tenants = tenants;
        this.completion = completion;
    }

    /** The form for a password that must be changed before signing in. */
    void mustChange(Context ctx, Authorization a, LoginName login, PasswordReason reason) {
        show(ctx, a, login, 200, null, reason.message() + " " + CHOOSE, false);
    }

    /** After a sign-in with a warning (the session is started): the warning, continue or change. */
    void warned(Context ctx, Authorization a, LoginName login, PasswordWarning warning) {
        show(ctx, a, login, 200, null, warning.message(), true);
    }

    /** {@code POST /sign-in/change-password}. */
    void submit(Context ctx) {
        Pages.mark(ctx);
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            throw new PageException(400, "The password change form was not sent as a form.");
        }
        Map<String, List<String>> form = ctx.formParamMap();
        Authorization a = endpoint.validate(AuthorizeRequest.parse(form));
        String username = PageForms.single(form, "username");
        if (username == null) {
            throw new PageException(400, INCOMPLETE);
        }
        LoginName login = tenants.parse(username);
        if (!forms.csrfValid(ctx, PageForms.passwordChange(a, login), form)) {
            show(ctx, a, login, 403, AuthorizeRoutes.FORM_EXPIRED, null, false);
            return;
        }
        String current = PageForms.single(form, "password");
        String next = PageForms.single(form, "newPassword");
        String again = PageForms.single(form, "confirmPassword");
        if (current == null || next == null || again == null) {
            show(ctx, a, login, 400, INCOMPLETE, null, false);
            return;
        }
        if (!next.equals(again)) {
            show(ctx, a, login, 400, MISMATCH, null, false);
            return;
        }
        if (next.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
            show(ctx, a, login, 400, CONTROL_CHARACTERS, null, false);
            return;
        }
        PasswordChangeResult result;
        try {
            result = passwords.changeForUser(login, new Secret(current), new Secret(next),
                    new SignInAttempt(a.client().id(), "change_password_page", RequestOrigins.of(ctx)));
        } catch (LockedOutException e) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            show(ctx, a, login, 400, PasswordReason.WRONG_OLD_PASSWORD.message(), null, false);
            return;
        }
        if (result instanceof PasswordChangeResult.Refused refused) {
            show(ctx, a, login, 400, refused.reason().message(),
                    refused.warning() == null ? null : refused.warning().message(), false);
            return;
        }
        SignIn.Result after = signIn.attempt(login, new Secret(next), a.client().id(), "form", RequestOrigins.of(ctx));
        if (after instanceof SignIn.Result.SignedIn signedIn) {
            completion.complete(ctx, a, signedIn);
        } else {
            // Changed, but not signed in with it yet (a replica behind?): the sign-in page again.
            Pages.redirect(ctx, continueUrl(a), 303);
        }
    }

    private void show(Context ctx, Authorization a, LoginName login, int status, String error, String notice,
            boolean mayContinue) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Change your password");
        model.put("clientId", a.client().id());
        model.put("username", login.toString());
        model.put("error", error);
        model.put("notice", notice);
        model.put("continueUrl", mayContinue ? continueUrl(a) : null);
        model.put("action", URI.create(publicUrl.base()).getRawPath() + PATH);
        model.put("csrf", forms.csrfToken(ctx, PageForms.passwordChange(a, login)));
        model.put("params", PageForms.hiddenFields(a));
        Pages.writeForm(ctx, status, "changepassword", model, List.of(Pages.origin(a.redirectUri())));
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
