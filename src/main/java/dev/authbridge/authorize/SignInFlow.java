package dev.authbridge.authorize;

import dev.authbridge.audit.Origin;
import dev.authbridge.authorize.Authorization.Prompt;
import dev.authbridge.directory.Directory;
import dev.authbridge.directory.LoginName;
import dev.authbridge.directory.PasswordChangeResult;
import dev.authbridge.directory.PasswordReason;
import dev.authbridge.directory.Tenants;
import dev.authbridge.lockout.LockedOutException;
import dev.authbridge.lockout.SignInAttempt;
import dev.authbridge.password.PasswordService;
import dev.authbridge.session.BrowserSession;
import dev.authbridge.session.BrowserSessions;
import java.util.Optional;

/**
 * The decisions of the browser sign-in, between a validated authorization request and what the
 * browser is shown: single sign-on or the sign-in page; what a password typed into the page (or
 * sent as Basic) leads to — the redirect with the code or token, the page again with one generic
 * message, the password change form for a password that proved right but expired or was reset, or
 * a warning shown before the redirect; what the password change form leads to. A sign-in that
 * succeeds on the page starts a new browser session every time (one planted before it is ended,
 * never promoted). It knows nothing of HTTP: {@link AuthorizeRoutes} reads the request, asks, and
 * renders the {@link Step}.
 */
public final class SignInFlow {
    static final String CREDENTIALS_MISSING = "Enter your user name and password.";
    static final String CHOOSE = "Choose a new password to continue.";
    static final String INCOMPLETE = "Enter your current password, and the new one twice.";
    static final String MISMATCH = "The new passwords do not match.";
    static final String CONTROL_CHARACTERS = "The new password must not contain control characters.";

    private final AuthorizeEndpoint endpoint;
    private final SignIn signIn;
    private final BrowserSessions sessions;
    private final Directory directory;
    private final Tenants tenants;
    private final PasswordService passwords;

    /**
     * @param directory asked, not a cache, whether the user of a single sign-on still exists
     * @param tenants reads the names typed into the sign-in form
     */
    public SignInFlow(AuthorizeEndpoint endpoint, SignIn signIn, BrowserSessions sessions, Directory directory,
            Tenants tenants, PasswordService passwords) {
        this.endpoint = endpoint;
        this.signIn = signIn;
        this.sessions = sessions;
        this.directory = directory;
        this.tenants = tenants;
        this.passwords = passwords;
    }

    /** What the browser is shown next. */
    public sealed interface Step {
        /**
         * Send the browser to {@code location} (the client's redirect URI with a code or token).
         *
         * @param session the id of the browser session just started, for the cookie; null for none
         */
        record Redirect(String location, String session) implements Step {}

        /**
         * The sign-in page, with {@code error} (null for none) and what the user typed.
         *
         * @param retryAfterSeconds during a lockout, when to try again; 0 otherwise
         */
        record SignInForm(String error, String username, String tenant, long retryAfterSeconds) implements Step {}

        /**
         * The password change form for {@code login}: an {@code error}, or a {@code notice} (why
         * the password must change, a warning about it), each null for none.
         *
         * @param mayContinue signed in already (with a warning): the user may continue as is
         * @param session the id of the browser session just started, for the cookie; null for none
         */
        record PasswordForm(LoginName login, String error, String notice, boolean mayContinue, String session,
                long retryAfterSeconds) implements Step {}

        /** The password was changed but the sign-in with it not made: the authorization request again. */
        record AuthorizeAgain() implements Step {}
    }

    /**
     * {@code GET /oauth/authorize} without credentials: single sign-on from a live browser
     * session whose user still exists (unless {@code prompt=login}), else the sign-in page.
     *
     * @param sessionCookie the browser session cookie's value, or null
     * @throws AuthorizeErrorException {@code login_required} for {@code prompt=none} without a session
     */
    public Step authorize(Authorization a, String sessionCookie, Origin origin) {
        if (a.prompt() != Prompt.LOGIN) {
            Optional<BrowserSession> session = Optional.ofNullable(sessionCookie).flatMap(sessions::resume);
            if (session.isPresent() && userStillExists(session.get())) {
                sessions.signedInTo(session.get(), a.client().id());
                return new Step.Redirect(endpoint.complete(a, session.get().owner(), origin), null);
            }
        }
        if (a.prompt() == Prompt.NONE) {
            throw a.error("login_required", "the user is not signed in");
        }
        return new Step.SignInForm(null, null, null, 0);
    }

    /**
     * Sign-in without a page ({@code Authorization: Basic}, which the vendor's API allows). It
     * starts the same browser session as the page does: the vendor's SDK keeps the cookie and
     * calls {@code /ping} with it, and a later {@code /oauth/authorize} is a single sign-on.
     *
     * @param credentials empty when the header was malformed: wrong credentials
     * @param sessionCookie the browser session cookie's value, or null: ended by the sign-in
     * @throws SignInRefusedException 401 for anything but a signed-in user
     */
    public Step basic(Authorization a, Optional<UserCredentials> credentials, String sessionCookie, Origin origin) {
        UserCredentials c = credentials.orElseThrow(() -> new SignInRefusedException(SignIn.WRONG_CREDENTIALS, 0));
        SignIn.Result result = signIn.attempt(tenants.parse(c.userName()), c.password(), a.client().id(), "basic",
                origin);
        if (result instanceof SignIn.Result.SignedIn signedIn) {
            // No page to show a password warning on: signed in as it is.
            return complete(a, signedIn, sessionCookie, origin);
        }
        if (result instanceof SignIn.Result.MustChangePassword must) {
            // No page to change it on: the state, as the password grant tells it.
            throw new SignInRefusedException(must.reason().message(), 0);
        }
        SignIn.Result.Refused refused = (SignIn.Result.Refused) result;
        throw new SignInRefusedException(refused.message(), refused.retryAfterSeconds());
    }

    /**
     * The sign-in form, once its CSRF token showed it came from authbridge's own page.
     *
     * @param sessionCookie the browser session cookie's value, or null: ended by a sign-in
     */
    public Step form(Authorization a, SignInRequest form, String sessionCookie, Origin origin) {
        if (form.username() == null || form.password() == null) {
            return new Step.SignInForm(CREDENTIALS_MISSING, form.username(), form.tenant(), 0);
        }
        LoginName login = tenants.parse(qualified(form.username(), form.tenant()));
        SignIn.Result result = signIn.attempt(login, form.password(), a.client().id(), "form", origin);
        if (result instanceof SignIn.Result.SignedIn signedIn && signedIn.warning() != null) {
            // Signed in; the redirect waits for the user to read the warning (or change it).
            BrowserSessions.Started started = startSession(a, signedIn, sessionCookie);
            return new Step.PasswordForm(login, null, signedIn.warning().message(), true, started.id(), 0);
        }
        if (result instanceof SignIn.Result.SignedIn signedIn) {
            return complete(a, signedIn, sessionCookie, origin);
        }
        if (result instanceof SignIn.Result.MustChangePassword must) {
            return new Step.PasswordForm(login, null, must.reason().message() + " " + CHOOSE, false, null, 0);
        }
        SignIn.Result.Refused refused = (SignIn.Result.Refused) result;
        return new Step.SignInForm(refused.message(), form.username(), form.tenant(), refused.retryAfterSeconds());
    }

    /**
     * The password change form, once its CSRF token showed it came from authbridge's own page: a
     * change the directory accepts completes the sign-in with the new password; a refusal shows
     * the form again with the reason.
     */
    public Step changePassword(Authorization a, LoginName login, PasswordFormRequest form, String sessionCookie,
            Origin origin) {
        if (form.password() == null || form.newPassword() == null || form.confirmPassword() == null) {
            return retry(login, INCOMPLETE, null, 0);
        }
        String next = form.newPassword().reveal();
        if (!next.equals(form.confirmPassword().reveal())) {
            return retry(login, MISMATCH, null, 0);
        }
        if (next.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
            return retry(login, CONTROL_CHARACTERS, null, 0);
        }
        PasswordChangeResult result;
        try {
            result = passwords.changeForUser(login, form.password(), form.newPassword(),
                    new SignInAttempt(a.client().id(), "change_password_page", origin));
        } catch (LockedOutException e) {
            return retry(login, PasswordReason.WRONG_OLD_PASSWORD.message(), null, e.retryAfterSeconds());
        }
        if (result instanceof PasswordChangeResult.Refused refused) {
            return retry(login, refused.reason().message(),
                    refused.warning() == null ? null : refused.warning().message(), 0);
        }
        SignIn.Result after = signIn.attempt(login, form.newPassword(), a.client().id(), "form", origin);
        if (after instanceof SignIn.Result.SignedIn signedIn) {
            return complete(a, signedIn, sessionCookie, origin);
        }
        // Changed, but not signed in with it yet (a replica behind?): the sign-in page again.
        return new Step.AuthorizeAgain();
    }

    private static Step retry(LoginName login, String error, String notice, long retryAfterSeconds) {
        return new Step.PasswordForm(login, error, notice, false, null, retryAfterSeconds);
    }

    /** A signed-in user's new browser session, then the redirect with the code or token. */
    private Step complete(Authorization a, SignIn.Result.SignedIn signedIn, String sessionCookie, Origin origin) {
        BrowserSessions.Started started = startSession(a, signedIn, sessionCookie);
        return new Step.Redirect(endpoint.complete(a, started.session().owner(), origin), started.id());
    }

    /** A new session every time: a cookie planted before the sign-in is never promoted. */
    private BrowserSessions.Started startSession(Authorization a, SignIn.Result.SignedIn signedIn,
            String sessionCookie) {
        if (sessionCookie != null) {
            sessions.end(sessionCookie);
        }
        return sessions.start(signedIn.owner(), a.client().id());
    }

    /** The single sign-on rests on the directory still knowing the user. */
    private boolean userStillExists(BrowserSession session) {
        if (directory.findByDn(session.owner().userDn()).isPresent()) {
            return true;
        }
        sessions.endAll(session.owner().subject());
        return false;
    }

    /** The user name as the directory reads it: typed <code>tenant&#92;user</code> wins over the tenant field. */
    private static String qualified(String username, String tenant) {
        if (username.contains("\\") || tenant == null || tenant.isBlank()) {
            return username;
        }
        return tenant.trim() + "\\" + username;
    }
}
