package dev.authbridge.oauth;

import dev.authbridge.api.PublicUrl;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.directory.AuthResult;
import dev.authbridge.directory.DirectoryUser;
import dev.authbridge.directory.LoginName;
import dev.authbridge.directory.PasswordReason;
import dev.authbridge.directory.Tenants;
import dev.authbridge.lockout.LockedOutException;
import dev.authbridge.lockout.SignInAttempt;
import dev.authbridge.lockout.SignInGuard;
import dev.authbridge.token.IssuedTokens;
import dev.authbridge.token.TokenOwner;
import dev.authbridge.token.TokenService;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resource owner password credentials (RFC 6749 §4.3): the directory checks the password by a
 * bind as the user. Every refusal of the credentials — an empty, blank or missing password
 * too — answers the same {@code invalid_grant}, so a caller cannot tell an unknown user from a
 * wrong password; only once the directory has shown the password to be right does the
 * description name the account's state (expired, must be changed, disabled…).
 */
public final class PasswordGrant implements Grant {
    private static final Logger log = LoggerFactory.getLogger(PasswordGrant.class);
    static final String BAD_CREDENTIALS = "Bad credentials";

    private final SignInGuard guard;
    private final TokenService tokens;
    private final Tenants tenants;
    private final Clock clock;

    /** @param guard the password check with brute-force protection and the audit log */
    public PasswordGrant(SignInGuard guard, TokenService tokens, Tenants tenants, Clock clock) {
        this.guard = guard;
        this.tokens = tokens;
        this.tenants = tenants;
        this.clock = clock;
    }

    @Override
    public String type() {
        return "password";
    }

    @Override
    public IssuedTokens issue(TokenRequest request, ClientConfig client, String scope) {
        String username = request.require("username", request.username());
        // No password is a password that cannot be verified: "Bad credentials" below, as the
        // vendor's Spring Security answers an empty one. RFC 6749 §3.2 makes `password=` and no
        // password one request ("sent without a value MUST be treated as if they were omitted").
        LoginName login = tenants.parse(username);
        AuthResult result;
        try {
            result = guard.authenticate(login, request.password(), new SignInAttempt(client.id(), type(), request.origin()));
        } catch (LockedOutException e) {
            // The same answer as wrong credentials, plus when to try again.
            throw OAuthException.throttled(BAD_CREDENTIALS, e.retryAfterSeconds());
        }
        if (result instanceof AuthResult.Rejected rejected) {
            log.info("password grant refused for client {}: {}", client.id(), rejected.reason());
            throw OAuthException.invalidGrant(BAD_CREDENTIALS);
        }
        if (result instanceof AuthResult.AccountRestricted restricted) {
            // The directory showed the password to be right: the user may learn the state.
            log.info("password grant refused for client {}: account state {}", client.id(), restricted.reason());
            throw OAuthException.invalidGrant(accountState(restricted.reason()));
        }
        if (result instanceof AuthResult.AuthenticatedWithWarning warned) {
            // A token response has no place for it; the sign-in page and /change-password show it.
            log.info("password grant for client {} with a password warning: {}", client.id(),
                    warned.warning().detail());
        }
        DirectoryUser user = result.signedInUser().orElseThrow();
        return tokens.issue(TokenOwner.of(user, clock.instant()), client.id(), scope, client.accessTokenTtl(),
                client.allows("refresh_token") ? client.refreshTokenTtl() : null);
    }

    /** RFC 6749 §5.2 error_description: ASCII, naming the state and the way out. */
    static String accountState(PasswordReason state) {
        return state.mustChangePassword()
                ? state.message() + " Change it with POST " + PublicUrl.BASE_PATH + "/change-password."
                : state.message();
    }
}
