package dev.authbridge.oauth;

import dev.authbridge.config.ClientConfig;
import dev.authbridge.directory.Directory;
import dev.authbridge.jwt.IdTokens;
import dev.authbridge.token.IssuedTokens;
import dev.authbridge.token.TokenOwner;
import dev.authbridge.token.TokenService;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The token endpoint's logic (RFC 6749 §3.2). Every request goes through the same steps, in
 * this order, before a grant may run: 1. authenticate the client; 2. know the grant type;
 * 3. check the client is registered for it; 4. validate the scope; 5. run the grant; 6. add an
 * id token when {@code openid} was granted to a user (OIDC Core §3.1.3.3, §12.2).
 */
public final class TokenEndpoint {
    private final ClientAuthenticator clients;
    private final Map<String, Grant> grants;
    private final IdTokens idTokens;
    private final Clock clock;

    public TokenEndpoint(ClientAuthenticator clients, Directory directory, TokenService tokens,
            String defaultTenant, IdTokens idTokens, Clock clock) {
        this.clients = clients;
        this.idTokens = idTokens;
        this.clock = clock;
        this.grants = Stream.of(
                        new PasswordGrant(directory, tokens, defaultTenant, clock),
                        new RefreshTokenGrant(directory, tokens),
                        new ClientCredentialsGrant(tokens))
                .collect(Collectors.toUnmodifiableMap(Grant::type, Function.identity()));
    }

    public TokenResponse handle(TokenRequest request) {
        ClientConfig client = clients.authenticate(request.client());
        String grantType = request.require("grant_type", request.grantType());
        Grant grant = grants.get(grantType);
        if (grant == null) {
            throw OAuthException.unsupportedGrantType("unsupported grant_type; supported: " + grants.keySet());
        }
        if (!client.allows(grantType)) {
            throw OAuthException.unauthorizedClient("this client is not registered for the " + grantType + " grant");
        }
        String scope = grantType.equals("refresh_token") ? request.scope() : Scopes.grant(request.scope());
        IssuedTokens issued = grant.issue(request, client, scope);
        long expiresIn = Math.max(0, Duration.between(clock.instant(), issued.accessExpiresAt()).toSeconds());
        return new TokenResponse(issued.accessToken(), "bearer", expiresIn, issued.refreshToken(), issued.scope(),
                idToken(issued, client));
    }

    /**
     * An id token for the user the tokens were issued to, when {@code openid} is in the granted
     * scope; null for a client_credentials token (no end-user) or without {@code openid}. On a
     * refresh it keeps the original {@code auth_time} and carries no {@code nonce} (OIDC Core §12.2).
     */
    private String idToken(IssuedTokens issued, ClientConfig client) {
        TokenOwner owner = issued.access().owner();
        if (!Scopes.includesOpenId(issued.scope()) || !owner.isUser()) {
            return null;
        }
        return idTokens.issue(owner.subject(), client.id(), owner.authTime(), issued.nonce(), issued.accessToken());
    }
}
