package dev.authbridge.oauth;

import dev.authbridge.config.ClientConfig;
import dev.authbridge.directory.AuthResult;
import dev.authbridge.directory.Directory;
import dev.authbridge.directory.DirectoryUser;
import dev.authbridge.directory.LoginName;
import dev.authbridge.token.IssuedTokens;
import dev.authbridge.token.TokenOwner;
import dev.authbridge.token.TokenService;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resource owner password credentials (RFC 6749 §4.3): the directory checks the password by a
 * bind as the user. Every refusal answers the same {@code invalid_grant}, so a caller cannot
 * tell an unknown user from a wrong password.
 */
final class PasswordGrant implements Grant {
    private static final Logger log = LoggerFactory.getLogger(PasswordGrant.class);
    static final String BAD_CREDENTIALS = "Bad credentials";

    private final Directory directory;
    private final TokenService tokens;
    private final String defaultTenant;
    private final Clock clock;

    PasswordGrant(Directory directory, TokenService tokens, String defaultTenant, Clock clock) {
        this.directory = directory;
        this.tokens = tokens;
        this.defaultTenant = defaultTenant;
        this.clock = clock;
    }

    @Override
    public String type() {
        return "password";
    }

    @Override
    public IssuedTokens issue(TokenRequest request, ClientConfig client, String scope) {
        String username = request.require("username", request.username());
        if (request.password() == null) {
            throw OAuthException.invalidRequest("missing parameter: password");
        }
        LoginName login = LoginName.parse(username, defaultTenant);
        AuthResult result = directory.authenticate(login, request.password());
        if (result instanceof AuthResult.Rejected rejected) {
            log.info("password grant refused for client {}: {}", client.id(), rejected.reason());
            throw OAuthException.invalidGrant(BAD_CREDENTIALS);
        }
        DirectoryUser user = ((AuthResult.Authenticated) result).user();
        return tokens.issue(owner(user, clock.instant()), client.id(), scope, client.accessTokenTtl(),
                client.allows("refresh_token") ? client.refreshTokenTtl() : null);
    }

    /** @param authTime when the user proved who they are (the password check: now) */
    static TokenOwner owner(DirectoryUser user, Instant authTime) {
        String tenantDomain = user.tenant() == null ? "" : user.tenant().domains().get(0);
        return new TokenOwner(user.id(), user.dn(), tenantDomain + "\\" + user.loginName(),
                user.tenant() == null ? null : user.tenant().id().toString(), authTime);
    }
}
