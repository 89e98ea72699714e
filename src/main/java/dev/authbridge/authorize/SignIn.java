package dev.authbridge.authorize;

import dev.authbridge.config.Secret;
import dev.authbridge.directory.AuthResult;
import dev.authbridge.directory.Directory;
import dev.authbridge.directory.DirectoryUnavailableException;
import dev.authbridge.directory.DirectoryUser;
import dev.authbridge.directory.LoginName;
import dev.authbridge.token.TokenOwner;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the outcome of a browser sign-in attempt — the sign-in page's form or an
 * {@code Authorization: Basic} header at {@code /oauth/authorize} — is decided. Lockout and
 * audit hook in here; so do account states (expired password…) when the directory reports them.
 *
 * <p>Three outcomes (style lesson 4): the user; a refusal with a message fit for the page (one
 * generic message for every wrong user, tenant or password, so the page tells an attacker
 * nothing about which part was wrong); or {@link DirectoryUnavailableException}, which the page
 * shows as "service unavailable" (503), never as a wrong password.
 */
public final class SignIn {
    private static final Logger log = LoggerFactory.getLogger(SignIn.class);

    static final String WRONG_CREDENTIALS = "Wrong user name or password.";
    /** For answers of the directory this class does not know (yet): no detail, no guess. */
    static final String NOT_POSSIBLE = "Signing in is not possible for this account right now. "
            + "Please contact your administrator.";

    private final Directory directory;
    private final Clock clock;

    public SignIn(Directory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** What a sign-in attempt came to. */
    public sealed interface Result {
        /** @param owner the user as tokens and sessions record them, {@code authTime} = now */
        record SignedIn(DirectoryUser user, TokenOwner owner) implements Result {}

        /** @param message shown to the user as is (escaped) */
        record Refused(String message) implements Result {}
    }

    /**
     * @param channel {@code form} or {@code basic}, for logs
     * @throws DirectoryUnavailableException when the directory cannot answer in time
     */
    public Result attempt(LoginName login, Secret password, String clientId, String channel) {
        AuthResult result = directory.authenticate(login, password);
        if (result instanceof AuthResult.Authenticated authenticated) {
            DirectoryUser user = authenticated.user();
            return new Result.SignedIn(user, owner(user, clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        }
        if (result instanceof AuthResult.Rejected rejected) {
            log.info("browser sign-in ({}) refused for client {}: {}", channel, clientId, rejected.reason());
            return new Result.Refused(WRONG_CREDENTIALS);
        }
        log.info("browser sign-in ({}) refused for client {}: {}", channel, clientId,
                result.getClass().getSimpleName());
        return new Result.Refused(NOT_POSSIBLE);
    }

    /** The user as a token owner: stable id, DN, <code>tenant&#92;user</code>, tenant id. */
    static TokenOwner owner(DirectoryUser user, Instant authTime) {
        String tenantDomain = user.tenant() == null ? "" : user.tenant().domains().get(0);
        return new TokenOwner(user.id(), user.dn(), tenantDomain + "\\" + user.loginName(),
                user.tenant() == null ? null : user.tenant().id().toString(), authTime);
    }
}
