package dev.authbridge.oauth;

import dev.authbridge.config.ClientConfig;
import dev.authbridge.config.TrustedIssuerConfig;
import dev.authbridge.token.IssuedTokens;
import dev.authbridge.token.TokenOwner;
import dev.authbridge.token.TokenService;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assertion grant (<a href="https://www.rfc-editor.org/rfc/rfc7523#section-2.1">RFC 7523
 * §2.1</a>): {@code assertion} is a JWT of a trusted issuer (an ID token of the corporate identity
 * provider) naming a directory user, who gets tokens as from a password grant — roles from the
 * directory, a refresh token when the client is registered for refreshes — without typing a
 * password. The client authenticates as for every grant (RFC 7523 §3.1 leaves it to the server).
 *
 * <p>Every refusal is {@code invalid_grant} (§3.1): a token that is bad, of an unknown issuer or
 * key, or used before says which check failed; a user the directory does not know is one
 * answer; an account state (disabled, locked…) is named, as for a password proved right.
 */
public final class JwtBearerGrant implements Grant {
    private static final Logger log = LoggerFactory.getLogger(JwtBearerGrant.class);

    private final AssertionSignIn signIn;
    private final TokenService tokens;
    private final Clock clock;

    public JwtBearerGrant(AssertionSignIn signIn, TokenService tokens, Clock clock) {
        this.signIn = signIn;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public String type() {
        return TrustedIssuerConfig.ASSERTION_GRANT_TYPE;
    }

    @Override
    public IssuedTokens issue(TokenRequest request, ClientConfig client, String scope) {
        if (request.assertion() == null || request.assertion().isEmpty()) {
            throw OAuthException.invalidRequest("missing parameter: assertion");
        }
        AssertionSignIn.Result result = signIn.signIn(request.assertion().reveal(),
                new AssertionSignIn.Attempt(client.id(), "jwt_bearer", request.origin()));
        if (result instanceof AssertionSignIn.Refused refused) {
            log.info("assertion grant refused for client {}: {}", client.id(), refused.description());
            throw OAuthException.invalidGrant(refused.description());
        }
        AssertionSignIn.SignedIn signedIn = (AssertionSignIn.SignedIn) result;
        return tokens.issue(TokenOwner.of(signedIn.user(), clock.instant()), client.id(), scope,
                client.accessTokenTtl(), client.allows("refresh_token") ? client.refreshTokenTtl() : null);
    }
}
