package dev.authbridge.authorize;

import dev.authbridge.audit.Origin;
import dev.authbridge.config.Secret;
import dev.authbridge.directory.AuthResult;
import dev.authbridge.directory.DirectoryUnavailableException;
import dev.authbridge.directory.DirectoryUser;
import dev.authbridge.directory.LoginName;
import dev.authbridge.directory.PasswordReason;
import dev.authbridge.directory.PasswordWarning;
import dev.authbridge.lockout.LockedOutException;
import dev.authbridge.lockout.SignInAttempt;
import dev.authbridge.lockout.SignInGuard;
import dev.authbridge.token.TokenOwner;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the outcome of a browser sign-in attempt — the sign-in page's form or an
 * {@code Authorization: Basic} header at {@code /oauth/authorize} — is decided. The password is
 * checked through {@link SignInGuard} (brute-force protection and the audit log): during a
 * lockout the answer is the generic refusal, with the time to wait.
 *
 * <p>Outcomes (style lesson 4): the user (also when the directory warned about the password);
 * a refusal with a message fit for the page — one generic message for every wrong user, tenant
 * or password, so the page tells an attacker nothing about which part was wrong, and the
 * account state (expired password…) only when the directory showed the password to be right;
 * or {@link DirectoryUnavailableException}, which the page shows as "service unavailable"
 * (503), never as a wrong password. An answer this class does not know gets a generic refusal.
 */
public final class SignIn {
    private static final Logger log = LoggerFactory.getLogger(SignIn.class);

    static final String WRONG_CREDENTIALS = "Wrong user name or password.";
    /** For answers of the directory this class does not know (yet): no detail, no guess. */
    static final String NOT_POSSIBLE = "Signing in is not possible for this account right now. "
            + "Please contact your administrator.";

    private final SignInGuard guard;
    private final Clock clock;

    public SignIn(SignInGuard guard, Clock clock) {
        this.guard = guard;
        this.clock = clock;
    }

    /** What a sign-in attempt came to. */
    public sealed interface Result {
        /**
         * @param owner the user as tokens and sessions record them, {@code authTime} = now
         * @param warning what the directory said about the password (expires soon, grace
         *     sign-ins left), to be shown; {@code null} when nothing
         */
        record SignedIn(DirectoryUser user, TokenOwner owner, PasswordWarning warning) implements Result {
            public SignedIn(DirectoryUser user, TokenOwner owner) {
                this(user, owner, null);
            }
        }

        /**
         * The password is right but expired or reset: the user must choose a new one before
         * signing in ({@link PasswordReason#mustChangePassword()}).
         */
        record MustChangePassword(PasswordReason reason) implements Result {}

        /**
         * @param message shown to the user as is (escaped)
         * @param retryAfterSeconds during a lockout, seconds until sign-ins are accepted again
         *     (for {@code Retry-After}); 0 otherwise
         */
        record Refused(String message, long retryAfterSeconds) implements Result {
            public Refused(String message) {
                this(message, 0);
            }
        }
    }

    /**
     * @param channel {@code form} or {@code basic}, for logs
     * @throws DirectoryUnavailableException when the directory cannot answer in time
     */
    public Result attempt(LoginName login, Secret password, String clientId, String channel, Origin origin) {
        AuthResult result;
        try {
            result = guard.authenticate(login, password, new SignInAttempt(clientId, "authorize_" + channel, origin));
        } catch (LockedOutException e) {
            return new Result.Refused(WRONG_CREDENTIALS, e.retryAfterSeconds());
        }
        Optional<DirectoryUser> user = result.signedInUser(); // with or without a password warning
        if (user.isPresent()) {
            PasswordWarning warning = result instanceof AuthResult.AuthenticatedWithWarning warned
                    ? warned.warning() : null;
            return new Result.SignedIn(user.get(), TokenOwner.of(user.get(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS)), warning);
        }
        if (result instanceof AuthResult.Rejected rejected) {
            log.info("browser sign-in ({}) refused for client {}: {}", channel, clientId, rejected.reason());
            return new Result.Refused(WRONG_CREDENTIALS);
        }
        if (result instanceof AuthResult.AccountRestricted restricted) {
            // The directory showed the password to be right: the user may learn the state.
            log.info("browser sign-in ({}) refused for client {}: account state {}", channel, clientId,
                    restricted.reason());
            if (restricted.reason().mustChangePassword()) {
                return new Result.MustChangePassword(restricted.reason());
            }
            return new Result.Refused(restricted.reason().message());
        }
        log.info("browser sign-in ({}) refused for client {}: {}", channel, clientId,
                result.getClass().getSimpleName());
        return new Result.Refused(NOT_POSSIBLE);
    }
}
