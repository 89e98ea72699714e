package dev.authbridge.oauth;

import dev.authbridge.audit.AuditEvent;
import dev.authbridge.audit.AuditEventType;
import dev.authbridge.audit.AuditLog;
import dev.authbridge.audit.AuditUnavailableException;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.error.UnavailableException;
import dev.authbridge.jwt.IdTokens;
import dev.authbridge.store.StoreUnavailableException;
import dev.authbridge.token.IssuedTokens;
import dev.authbridge.token.StoredToken;
import dev.authbridge.token.TokenOwner;
import dev.authbridge.token.TokenService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The token endpoint's logic (RFC 6749 §3.2). Every request goes through the same steps, in
 * this order, before a grant may run: 1. authenticate the client; 2. know the grant type;
 * 3. check the client is registered for it; 4. the scope, by the grant's rule; 5. run the grant;
 * 6. make sure the client the tokens are for, and the one that asked for them by an exchange, are
 * still registered (a deletion revokes what was issued before its row went; what this request
 * saved meanwhile is withdrawn here); 7. add an id
 * token when {@code openid} was granted to a user (OIDC Core §3.1.3.3, §12.2).
 * Nothing here names a grant type: each {@link Grant} owns its rules.
 */
public final class TokenEndpoint {
    private final ClientAuthenticator clients;
    private final TokenService tokens;
    /** By type, in the order of their names, so the list of supported ones is always the same. */
    private final SortedMap<String, Grant> grants = new TreeMap<>();
    private final IdTokens idTokens;
    private final AuditLog audit;
    private final Clock clock;

    /** @param grants the grant types answered, each a type a client may be registered for */
    public TokenEndpoint(ClientAuthenticator clients, TokenService tokens, List<Grant> grants, IdTokens idTokens,
            AuditLog audit, Clock clock) {
        this.clients = clients;
        this.tokens = tokens;
        this.idTokens = idTokens;
        this.audit = audit;
        this.clock = clock;
        for (Grant grant : grants) {
            if (!ClientConfig.GRANT_TYPES.contains(grant.type())) {
                throw new IllegalArgumentException("no client can be registered for grant type " + grant.type()
                        + ": add it to ClientConfig.GRANT_TYPES");
            }
            if (this.grants.putIfAbsent(grant.type(), grant) != null) {
                throw new IllegalArgumentException("grant type " + grant.type() + " given twice");
            }
        }
    }

    /** A token response and whom its tokens speak for. */
    public record Answer(TokenResponse response, TokenOwner owner) {}

    /** Runs the request; every outcome is one audit event ({@code token_issued/refreshed/refused}). */
    public Answer handle(TokenRequest request) {
        try {
            return issue(request);
        } catch (OAuthException e) {
            refused(request, e.error(), e.getMessage());
            throw e;
        } catch (UnavailableException e) {
            refused(request, "temporarily_unavailable", null);
            throw e;
        }
    }

    private Answer issue(TokenRequest request) {
        ClientConfig client = clients.authenticate(request.client(), request.origin());
        String grantType = request.require("grant_type", request.grantType());
        Grant grant = grants.get(grantType);
        if (grant == null) {
            throw OAuthException.unsupportedGrantType("unsupported grant_type; supported: " + grants.keySet());
        }
        if (!client.allows(grantType)) {
            throw OAuthException.unauthorizedClient("this client is not registered for the " + grantType + " grant");
        }
        String scope = grant.scope(request);
        IssuedTokens issued = grant.issue(request, client, scope);
        String exchangedBy = issued.access().exchangedBy();
        if (!clients.isRegistered(issued.access().clientId())
                || exchangedBy != null && !exchangedBy.equals(issued.access().clientId()) && !clients.isRegistered(exchangedBy)) {
            // As a new sign-in: the whole of it (its client is gone), an exchange's lone token alone.
            withdraw(issued, false);
            throw OAuthException.invalidClient(ClientAuthenticator.REFUSED);
        }
        TokenOwner owner = issued.access().owner();
        boolean renewal = grant.renewsSignIn();
        AuditEvent.Builder line = AuditEvent.of(renewal ? AuditEventType.TOKEN_REFRESHED : AuditEventType.TOKEN_ISSUED,
                        AuditEvent.Outcome.SUCCESS)
                .user(owner.userName()).tenant(owner.tenantId()).client(client.id()).origin(request.origin())
                .detail("grant", grantType).detail("scope", issued.scope());
        grant.describe(issued, line);
        AuditEvent event = line.build();
        try {
            audit.recordRequired(event);
        } catch (AuditUnavailableException e) {
            withdraw(issued, renewal);
            throw e;
        }
        long expiresIn = Math.max(0, Duration.between(clock.instant(), issued.accessExpiresAt()).toSeconds());
        return new Answer(new TokenResponse(issued.accessToken(), "bearer", expiresIn, issued.refreshToken(),
                issued.scope(), idToken(issued), grant.issuedTokenType()), owner);
    }

    /**
     * The tokens of a line the fail-closed audit log could not write are never handed out; they
     * are revoked too, so the store tells the truth: the whole new sign-in — or, on a renewal,
     * only the new access token (the sign-in is the client's older one; with rotation, its
     * refresh token was spent and the client signs in again). A lone access token (a token
     * exchange's joins the subject token's sign-in, which must not go with it) goes alone.
     */
    private void withdraw(IssuedTokens issued, boolean renewal) {
        try {
            if (renewal || issued.refreshToken() == null) {
                tokens.revoke(issued.accessToken(), issued.access().clientId());
            } else {
                tokens.revokeFamily(issued.access().family());
            }
        } catch (StoreUnavailableException e) {
            // Nobody holds them (only their hashes are stored): withheld all the same.
        }
    }

    /** {@code description} is authbridge's own error text (never a presented value). */
    private void refused(TokenRequest request, String error, String description) {
        audit.record(AuditEvent.of(AuditEventType.TOKEN_REFUSED, AuditEvent.Outcome.FAILURE)
                .user(request.username()).client(request.client() == null ? null : request.client().id())
                .origin(request.origin()).reason(error)
                .detail("grant", request.grantType()).detail("description", description).build());
    }

    /**
     * An id token for the user the tokens were issued to, when {@code openid} is in the granted
     * scope; null for a client_credentials token (no end-user) or without {@code openid}. On a
     * refresh it keeps the original {@code auth_time} and carries no {@code nonce} (OIDC Core §12.2).
     * Its audience is the client the access token is for (a token exchange's target), and a
     * delegated token's actor is its {@code act} claim (RFC 8693 §4.1).
     */
    private String idToken(IssuedTokens issued) {
        StoredToken access = issued.access();
        TokenOwner owner = access.owner();
        if (!Scopes.includesOpenId(issued.scope()) || !owner.isUser()) {
            return null;
        }
        return idTokens.issue(owner.subject(), access.clientId(), owner.authTime(), issued.nonce(),
                issued.accessToken(), access.act() == null ? null : access.act().claims());
    }
}
