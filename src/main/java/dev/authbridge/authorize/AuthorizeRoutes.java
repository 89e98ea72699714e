package dev.authbridge.authorize;

import dev.authbridge.api.PublicUrl;
import dev.authbridge.authorize.Authorization.Prompt;
import dev.authbridge.config.Secret;
import dev.authbridge.directory.Directory;
import dev.authbridge.directory.LoginName;
import dev.authbridge.directory.Tenants;
import dev.authbridge.password.PasswordService;
import dev.authbridge.session.BrowserSession;
import dev.authbridge.session.BrowserSessions;
import dev.authbridge.web.Cookies;
import dev.authbridge.web.Csrf;
import dev.authbridge.web.PageException;
import dev.authbridge.web.Pages;
import dev.authbridge.web.RequestOrigins;
import dev.authbridge.web.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /oauth/authorize} and {@code POST /sign-in}, the browser sign-in.
 *
 * <p>The GET validates the request ({@link AuthorizeEndpoint#validate}), then knows the user in
 * this order: an {@code Authorization: Basic} header (no page; 401 when wrong); a live browser
 * session (single sign-on, unless {@code prompt=login}); otherwise the sign-in page. The page
 * posts to {@code /sign-in} with every authorization parameter in hidden fields, validated again
 * there exactly as on the GET, and a CSRF token. A right password starts a new browser session
 * and answers 303 (RFC 9700 §4.12: never 307 after a credential post) to the redirect URI; a
 * wrong one shows the page again with one generic message. A right password that has expired or
 * was reset leads to the password change form, and a warning about the password is shown
 * before the redirect ({@link PasswordChangePage}).
 */
public final class AuthorizeRoutes implements Routes {
    static final String FORM_EXPIRED = "This sign-in form has expired or did not come from this page. "
            + "Please sign in again.";
    static final String CREDENTIALS_MISSING = "Enter your user name and password.";

    private final AuthorizeEndpoint endpoint;
    private final SignIn signIn;
    private final BrowserSessions sessions;
    private final Directory directory;
    private final Cookies cookies;
    private final PublicUrl publicUrl;
    private final Tenants tenants;
    private final PageForms forms;
    private final PasswordChangePage passwordPage;

    public AuthorizeRoutes(AuthorizeEndpoint endpoint, SignIn signIn, BrowserSessions sessions, Directory directory,
            Cookies cookies, Csrf csrf, PublicUrl publicUrl, Tenants tenants, PasswordService passwords) {
        this.endpoint = endpoint;
        this.signIn = signIn;
        this.sessions = sessions;
        this.directory = directory;
        this.cookies = cookies;
        this.publicUrl = publicUrl;
        this.tenants = tenants;
        this.forms = new PageForms(csrf, cookies);
        this.passwordPage = new PasswordChangePage(endpoint, signIn, passwords, publicUrl, forms,
                tenants, this::complete);
    }

    @Override
    public void mount(RoutesConfig routes) {
        routes.get(PublicUrl.BASE_PATH + "/oauth/authorize", this::authorize);
        routes.post(PublicUrl.BASE_PATH + "/sign-in", this::signIn);
        routes.post(PasswordChangePage.PATH, passwordPage::submit);
    }

    private void authorize(Context ctx) {
        Pages.mark(ctx);
        Authorization a = endpoint.validate(AuthorizeRequest.parse(ctx.queryParamMap()));
        String header = ctx.header("Authorization");
        if (UserCredentials.isBasic(header)) {
            basic(ctx, a, header);
            return;
        }
        if (a.prompt() != Prompt.LOGIN) {
            Optional<BrowserSession> session = cookies.read(ctx, BrowserSessions.COOKIE).flatMap(sessions::resume);
            if (session.isPresent() && userStillExists(session.get())) {
                sessions.signedInTo(session.get(), a.client().id());
                Pages.redirect(ctx, endpoint.complete(a, session.get().owner(), RequestOrigins.of(ctx)), 302);
                return;
            }
        }
        if (a.prompt() == Prompt.NONE) {
            throw a.error("login_required", "the user is not signed in");
        }
        page(ctx, a, 200, null, null, null);
    }

    /** Sign-in without a page (the vendor's API allows it); a programmatic caller, so no session. */
    private void basic(Context ctx, Authorization a, String header) {
        UserCredentials credentials = UserCredentials.fromBasic(header)
                .orElseThrow(() -> new PageException(401, SignIn.WRONG_CREDENTIALS));
        SignIn.Result result = signIn.attempt(tenants.parse(credentials.userName()),
                credentials.password(), a.client().id(), "basic", RequestOrigins.of(ctx));
        if (result instanceof SignIn.Result.SignedIn signedIn) {
            Pages.redirect(ctx, endpoint.complete(a, signedIn.owner(), RequestOrigins.of(ctx)), 302);
            return;
        }
        if (result instanceof SignIn.Result.MustChangePassword must) {
            // No page to change it on: the state, as the password grant tells it.
            throw new PageException(401, must.reason().message());
        }
        retryAfter(ctx, (SignIn.Result.Refused) result);
        throw new PageException(401, ((SignIn.Result.Refused) result).message());
    }

    private void signIn(Context ctx) {
        Pages.mark(ctx);
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            throw new PageException(400, "The sign-in form was not sent as a form.");
        }
        Map<String, List<String>> form = ctx.formParamMap();
        Authorization a = endpoint.validate(AuthorizeRequest.parse(form));
        String username = PageForms.single(form, "username");
        String tenant = a.hideTenant() ? null : PageForms.single(form, "tenant");
        String password = PageForms.single(form, "password");
        if (!forms.csrfValid(ctx, PageForms.signIn(a), form)) {
            page(ctx, a, 403, FORM_EXPIRED, username, tenant);
            return;
        }
        if (username == null || password == null) {
            page(ctx, a, 400, CREDENTIALS_MISSING, username, tenant);
            return;
        }
        LoginName login = tenants.parse(qualified(username, tenant));
        SignIn.Result result = signIn.attempt(login, new Secret(password), a.client().id(), "form", RequestOrigins.of(ctx));
        if (result instanceof SignIn.Result.SignedIn signedIn && signedIn.warning() != null) {
            // Signed in; the redirect waits for the user to read the warning (or change it).
            startSession(ctx, a, signedIn);
            passwordPage.warned(ctx, a, login, signedIn.warning());
            return;
        }
        if (result instanceof SignIn.Result.SignedIn signedIn) {
            complete(ctx, a, signedIn);
            return;
        }
        if (result instanceof SignIn.Result.MustChangePassword must) {
            passwordPage.mustChange(ctx, a, login, must.reason());
            return;
        }
        retryAfter(ctx, (SignIn.Result.Refused) result);
        page(ctx, a, 400, ((SignIn.Result.Refused) result).message(), username, tenant);
    }

    /** A signed-in user's new browser session, then the redirect with the code or token. */
    private void complete(Context ctx, Authorization a, SignIn.Result.SignedIn signedIn) {
        BrowserSessions.Started started = startSession(ctx, a, signedIn);
        Pages.redirect(ctx, endpoint.complete(a, started.session().owner(), RequestOrigins.of(ctx)), 303);
    }

    /** A new session every time: a cookie planted before the sign-in is never promoted. */
    private BrowserSessions.Started startSession(Context ctx, Authorization a, SignIn.Result.SignedIn signedIn) {
        cookies.read(ctx, BrowserSessions.COOKIE).ifPresent(sessions::end);
        BrowserSessions.Started started = sessions.start(signedIn.owner(), a.client().id());
        cookies.set(ctx, BrowserSessions.COOKIE, started.id(), Cookies.SameSite.LAX);
        return started;
    }

    /** During a lockout the page's message stays the generic one; the header says when to retry. */
    private static void retryAfter(Context ctx, SignIn.Result.Refused refused) {
        if (refused.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Long.toString(refused.retryAfterSeconds()));
        }
    }

    /** The single sign-on rests on the directory still knowing the user. */
    private boolean userStillExists(BrowserSession session) {
        if (directory.findByDn(session.owner().userDn()).isPresent()) {
            return true;
        }
        sessions.endAll(session.owner().subject());
        return false;
    }

    private void page(Context ctx, Authorization a, int status, String error, String username, String tenant) {
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
        model.put("csrf", forms.csrfToken(ctx, PageForms.signIn(a)));
        model.put("params", PageForms.hiddenFields(a));
        model.put("username", username == null ? "" : username);
        model.put("tenant", tenant == null ? "" : tenant);
        model.put("hideTenant", a.hideTenant());
        model.put("hasDefaultTenant", tenants.hasDefault());
        model.put("focusPassword", error != null && username != null);
        model.put("usernameDescribedBy", String.join(" ", describedBy));
        Pages.writeForm(ctx, status, "signin", model, List.of(Pages.origin(a.redirectUri())));
    }

    /** The user name as the directory reads it: typed <code>tenant&#92;user</code> wins over the tenant field. */
    private static String qualified(String username, String tenant) {
        if (username.contains("\\") || tenant == null || tenant.isBlank()) {
            return username;
        }
        return tenant.trim() + "\\" + username;
    }
}
