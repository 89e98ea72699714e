package dev.authbridge.authorize;

import dev.authbridge.api.PublicUrl;
import dev.authbridge.directory.LoginName;
import dev.authbridge.directory.Tenants;
import dev.authbridge.session.BrowserSessions;
import dev.authbridge.web.Cookies;
import dev.authbridge.web.Csrf;
import dev.authbridge.web.PageException;
import dev.authbridge.web.Pages;
import dev.authbridge.web.RequestOrigins;
import dev.authbridge.web.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /oauth/authorize}, {@code POST /sign-in} and {@code POST /sign-in/change-password},
 * the browser sign-in: each request is validated ({@link AuthorizeEndpoint#validate}, the form's
 * again exactly as the GET's), its form's CSRF token checked, then {@link SignInFlow} decides and
 * the answer is rendered — the sign-in page, the password change form, or a redirect (302 after a
 * GET, 303 after a form's post: RFC 9700 §4.12, never 307 after a credential post).
 *
 * <p>The GET knows the user in this order: an {@code Authorization: Basic} header (no page; 401
 * when wrong; it starts a browser session as the page does); a live browser session (single
 * sign-on, unless {@code prompt=login}); otherwise the sign-in page.
 */
public final class AuthorizeRoutes implements Routes {
    static final String FORM_EXPIRED = "This sign-in form has expired or did not come from this page. "
            + "Please sign in again.";

    private final AuthorizeEndpoint endpoint;
    private final SignInFlow flow;
    private final Cookies cookies;
    private final Tenants tenants;
    private final FormPage forms;
    private final SignInPage signInPage;
    private final PasswordChangePage passwordPage;

    /** @param tenants reads the user name of the password change form */
    public AuthorizeRoutes(AuthorizeEndpoint endpoint, SignInFlow flow, Cookies cookies, Csrf csrf,
            PublicUrl publicUrl, Tenants tenants) {
        this.endpoint = endpoint;
        this.flow = flow;
        this.cookies = cookies;
        this.tenants = tenants;
        this.forms = new FormPage(csrf, cookies);
        this.signInPage = new SignInPage(forms, publicUrl, tenants.hasDefault());
        this.passwordPage = new PasswordChangePage(forms, publicUrl);
    }

    @Override
    public void mount(RoutesConfig routes) {
        routes.get(PublicUrl.BASE_PATH + "/oauth/authorize", this::authorize);
        routes.post(PublicUrl.BASE_PATH + "/sign-in", this::signIn);
        routes.post(PasswordChangePage.PATH, this::changePassword);
    }

    private void authorize(Context ctx) {
        Pages.mark(ctx);
        Authorization a = endpoint.validate(AuthorizeRequest.parse(ctx.queryParamMap()));
        String header = ctx.header("Authorization");
        SignInFlow.Step step = UserCredentials.isBasic(header)
                ? flow.basic(a, UserCredentials.fromBasic(header), sessionCookie(ctx), RequestOrigins.of(ctx))
                : flow.authorize(a, sessionCookie(ctx), RequestOrigins.of(ctx));
        render(ctx, a, step);
    }

    private void signIn(Context ctx) {
        Pages.mark(ctx);
        Map<String, List<String>> form = form(ctx, "The sign-in form was not sent as a form.");
        Authorization a = endpoint.validate(AuthorizeRequest.parse(form));
        SignInRequest request = SignInRequest.parse(form, a.hideTenant());
        if (!forms.csrfValid(ctx, FormPage.signIn(a), request.csrf())) {
            signInPage.show(ctx, a, 403, FORM_EXPIRED, request.username(), request.tenant());
            return;
        }
        render(ctx, a, flow.form(a, request, sessionCookie(ctx), RequestOrigins.of(ctx)));
    }

    private void changePassword(Context ctx) {
        Pages.mark(ctx);
        Map<String, List<String>> form = form(ctx, "The password change form was not sent as a form.");
        Authorization a = endpoint.validate(AuthorizeRequest.parse(form));
        PasswordFormRequest request = PasswordFormRequest.parse(form);
        LoginName login = tenants.parse(request.username());
        if (!forms.csrfValid(ctx, FormPage.passwordChange(a, login), request.csrf())) {
            passwordPage.show(ctx, a, login, 403, FORM_EXPIRED, null, false);
            return;
        }
        render(ctx, a, flow.changePassword(a, login, request, sessionCookie(ctx), RequestOrigins.of(ctx)));
    }

    private void render(Context ctx, Authorization a, SignInFlow.Step step) {
        int redirect = ctx.method() == HandlerType.POST ? 303 : 302;
        if (step instanceof SignInFlow.Step.Redirect to) {
            startSession(ctx, to.session());
            Pages.redirect(ctx, to.location(), redirect);
        } else if (step instanceof SignInFlow.Step.SignInForm page) {
            retryAfter(ctx, page.retryAfterSeconds());
            signInPage.show(ctx, a, page.error() == null ? 200 : 400, page.error(), page.username(), page.tenant());
        } else if (step instanceof SignInFlow.Step.PasswordForm page) {
            startSession(ctx, page.session());
            retryAfter(ctx, page.retryAfterSeconds());
            passwordPage.show(ctx, a, page.login(), page.error() == null ? 200 : 400, page.error(), page.notice(),
                    page.mayContinue());
        } else {
            Pages.redirect(ctx, passwordPage.continueUrl(a), redirect);
        }
    }

    /** The form's fields, when the post is a form at all. */
    private static Map<String, List<String>> form(Context ctx, String notAForm) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            throw new PageException(400, notAForm);
        }
        return ctx.formParamMap();
    }

    private String sessionCookie(Context ctx) {
        return cookies.read(ctx, BrowserSessions.COOKIE).orElse(null);
    }

    private void startSession(Context ctx, String session) {
        if (session != null) {
            cookies.set(ctx, BrowserSessions.COOKIE, session, Cookies.SameSite.LAX);
        }
    }

    /** During a lockout the page's message stays the generic one; the header says when to retry. */
    private static void retryAfter(Context ctx, long seconds) {
        if (seconds > 0) {
            ctx.header("Retry-After", Long.toString(seconds));
        }
    }
}
