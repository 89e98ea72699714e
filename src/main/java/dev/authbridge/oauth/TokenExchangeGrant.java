package dev.authbridge.oauth;

import dev.authbridge.audit.AuditEvent;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.config.TokenExchangeConfig;
import dev.authbridge.directory.Directory;
import dev.authbridge.token.Actor;
import dev.authbridge.token.IssuedTokens;
import dev.authbridge.token.StoredToken;
import dev.authbridge.token.TokenService;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token exchange (<a href="https://www.rfc-editor.org/rfc/rfc8693">RFC 8693</a>): a client
 * holding a user's access token gets an access token for the same user, issued to a target
 * client (the {@code audience} or {@code resource}, by default itself) that the caller's
 * {@code tokenExchange.audiences} permits. The new token is bound to the target (its userinfo and
 * introspection name the target as the token's client), never outlives the subject token, joins
 * its sign-in (ending that sign-in ends it) and may only narrow its scope. With an
 * {@code actor_token} it is delegated: the actor is recorded as the {@code act} claim (§4.1),
 * the subject token's own actor nested inside; without one a delegated subject token's
 * {@code act} is kept, so an exchange never turns delegation into impersonation.
 *
 * <p>Errors as §2.2.2 says: a subject or actor token that is invalid for any reason is
 * {@code invalid_request}, a target that is unknown or not permitted {@code invalid_target}.
 */
public final class TokenExchangeGrant implements Grant {
    private static final Logger log = LoggerFactory.getLogger(TokenExchangeGrant.class);
    /**
     * The most actors one token's {@code act} claim nests: each delegation of a delegated token
     * adds one, and an unbounded chain would grow every token of it (and the JSON past what the
     * parser reads back).
     */
    static final int MAX_ACTORS = 8;

    private final Function<String, Optional<ClientConfig>> clients;
    private final TokenService tokens;
    private final Directory directory;
    private final SubjectTokenResolver federated;

    /**
     * @param clients the registered client of an id (the targets)
     * @param federated resolves the subject token types of trusted issuers ({@code …:jwt}, {@code …:id_token})
     */
    public TokenExchangeGrant(Function<String, Optional<ClientConfig>> clients, TokenService tokens,
            Directory directory, SubjectTokenResolver federated) {
        this.clients = clients;
        this.tokens = tokens;
        this.directory = directory;
        this.federated = federated;
    }

    @Override
    public String type() {
        return TokenExchangeConfig.GRANT_TYPE;
    }

    /** The scope as asked: step 5 narrows the subject token's scope to it, never widens it. */
    @Override
    public String scope(TokenRequest request) {
        return request.scope();
    }

    @Override
    public String issuedTokenType() {
        return TokenTypes.ACCESS_TOKEN;
    }

    /** The audit line says for whom the token is and who acts through it. */
    @Override
    public void describe(IssuedTokens issued, AuditEvent.Builder line) {
        StoredToken access = issued.access();
        line.detail("target", access.clientId());
        if (access.act() != null) {
            line.detail("actor", access.act().subject()).detail("actor_client", access.act().clientId());
        }
    }

    @Override
    public IssuedTokens issue(TokenRequest request, ClientConfig client, String requestedScope) {
        TokenRequest.Exchange exchange = request.exchange();
        String subjectToken = request.require("subject_token", exchange.subjectToken());
        String subjectType = request.require("subject_token_type", exchange.subjectTokenType());
        requireAccessTokenRequested(exchange.requestedTokenType());
        ClientConfig target = target(exchange, client);
        Actor actor = actor(exchange);
        IssuedTokens issued;
        if (subjectType.equals(TokenTypes.ACCESS_TOKEN)) {
            StoredToken subject = liveUserToken(subjectToken);
            String scope = Scopes.narrow(subject.scope(), requestedScope,
                    "an exchange cannot widen the subject token's scope");
            Actor act = actor == null ? subject.act() : withPrior(actor, subject.act());
            if (depth(act) > MAX_ACTORS) {
                throw OAuthException.invalidRequest("actor_token: the subject token's delegation chain is at its"
                        + " longest (" + MAX_ACTORS + " actors)");
            }
            issued = tokens.exchange(subject, target.id(), scope, target.accessTokenTtl(), act, client.id())
                    .orElseThrow(() -> OAuthException.invalidRequest("subject_token is not a live access token"));
        } else if (subjectType.equals(TokenTypes.JWT) || subjectType.equals(TokenTypes.ID_TOKEN)) {
            SubjectTokenResolver.Subject subject = federated.resolve(subjectToken, subjectType, client.id(),
                    request.origin());
            issued = tokens.exchange(subject.owner(), target.id(), Scopes.grant(requestedScope),
                    target.accessTokenTtl(), subject.expiresAt(), actor, client.id());
        } else {
            throw OAuthException.invalidRequest("unsupported subject_token_type; supported: " + TokenTypes.ACCESS_TOKEN
                    + ", " + TokenTypes.JWT + ", " + TokenTypes.ID_TOKEN);
        }
        log.info("token exchanged by client {} for client {}{}", client.id(), target.id(),
                actor == null ? "" : ", actor " + actor.subject());
        return issued;
    }

    /**
     * RFC 8693 §2.2.1: an exchange of one temporary credential for another issues no refresh
     * token: the client exchanges again. Other types authbridge does not issue.
     */
    private static void requireAccessTokenRequested(String requested) {
        if (requested == null || requested.equals(TokenTypes.ACCESS_TOKEN)) {
            return;
        }
        if (requested.equals(TokenTypes.REFRESH_TOKEN)) {
            throw OAuthException.invalidRequest("requested_token_type: an exchange issues access tokens only"
                    + " (exchange again when it expires)");
        }
        throw OAuthException.invalidRequest("unsupported requested_token_type; supported: " + TokenTypes.ACCESS_TOKEN);
    }

    /**
     * The client the new token is for: the one {@code audience} and/or {@code resource} name (a
     * client id; a resource must be an absolute URI, §2.1), by default the caller itself.
     */
    private ClientConfig target(TokenRequest.Exchange exchange, ClientConfig client) {
        String audience = exchange.audience();
        String resource = exchange.resource();
        if (resource != null && !isAbsoluteUri(resource)) {
            throw OAuthException.invalidRequest("resource must be an absolute URI without a fragment (RFC 8693 section 2.1)");
        }
        if (audience != null && resource != null && !audience.equals(resource)) {
            throw OAuthException.invalidTarget("audience and resource name different targets; one target per exchange");
        }
        String named = audience != null ? audience : resource;
        if (named == null) {
            return client;
        }
        ClientConfig target = clients.apply(named)
                .orElseThrow(() -> OAuthException.invalidTarget("the target is not a registered client"));
        if (!client.tokenExchange().permits(client.id(), target.id())) {
            throw OAuthException.invalidTarget("this client may not exchange tokens for that target");
        }
        return target;
    }

    /** A live access token of a user who is still in the directory. */
    private StoredToken liveUserToken(String raw) {
        StoredToken subject = tokens.authenticate(raw)
                .orElseThrow(() -> OAuthException.invalidRequest("subject_token is not a live access token"));
        if (!subject.owner().isUser()) {
            // A client's own token: its client is its principal, which an exchange would change.
            throw OAuthException.invalidRequest("subject_token speaks for no user (a client's own token)");
        }
        if (directory.findByDn(subject.owner().userDn()).isEmpty()) {
            throw OAuthException.invalidRequest("subject_token's user no longer exists");
        }
        return subject;
    }

    /** The actor of a delegation, or null without {@code actor_token} (§2.1: both or neither). */
    private Actor actor(TokenRequest.Exchange exchange) {
        if (exchange.actorToken() == null) {
            if (exchange.actorTokenType() != null) {
                throw OAuthException.invalidRequest("actor_token_type without actor_token");
            }
            return null;
        }
        if (exchange.actorTokenType() == null) {
            throw OAuthException.invalidRequest("missing parameter: actor_token_type");
        }
        if (!exchange.actorTokenType().equals(TokenTypes.ACCESS_TOKEN)) {
            throw OAuthException.invalidRequest("unsupported actor_token_type; supported: " + TokenTypes.ACCESS_TOKEN);
        }
        StoredToken actor = tokens.authenticate(exchange.actorToken())
                .orElseThrow(() -> OAuthException.invalidRequest("actor_token is not a live access token"));
        String subject = actor.owner().isUser() ? actor.owner().subject() : actor.clientId();
        return new Actor(subject, actor.clientId(), null);
    }

    private static int depth(Actor act) {
        int depth = 0;
        for (Actor a = act; a != null; a = a.prior()) {
            depth++;
        }
        return depth;
    }

    private static Actor withPrior(Actor actor, Actor prior) {
        return new Actor(actor.subject(), actor.clientId(), prior);
    }

    private static boolean isAbsoluteUri(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
