package dev.authbridge.authorize;

import dev.authbridge.api.PublicUrl;
import dev.authbridge.audit.AuditEvent;
import dev.authbridge.audit.AuditEventType;
import dev.authbridge.audit.AuditLog;
import dev.authbridge.audit.AuditUnavailableException;
import dev.authbridge.audit.Origin;
import dev.authbridge.authorize.Authorization.Prompt;
import dev.authbridge.authorize.Authorization.ResponseType;
import dev.authbridge.code.AuthorizationCodes;
import dev.authbridge.code.Pkce;
import dev.authbridge.client.ClientRegistry;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.oauth.OAuthException;
import dev.authbridge.oauth.Scopes;
import dev.authbridge.token.IssuedTokens;
import dev.authbridge.token.TokenOwner;
import dev.authbridge.token.TokenService;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The authorization endpoint's logic (RFC 6749 §3.1, §4.1, §4.2), apart from who the user is.
 *
 * <p>{@link #validate} checks in an order that never redirects to an address it has not
 * verified: 1. {@code client_id} and 2. {@code redirect_uri} (exact match, {@code config.RedirectUris}) — a failure
 * there is an error page, never a redirect (§4.1.2.1, RFC 9700 §4.1); then, answered to the
 * client by redirect: repeated parameters, {@code response_type} and whether the client is
 * registered for its grant, {@code scope}, PKCE (required for public clients, S256 only),
 * {@code hideTenant}, {@code prompt} and the lengths of {@code state} and {@code nonce}.
 * {@link #complete} then issues the code, or the token of the implicit grant.
 */
public final class AuthorizeEndpoint {
    static final int MAX_STATE = 2048;
    static final int MAX_NONCE = 512;
    private static final String UNKNOWN_CLIENT = "The application that sent you here is not registered (unknown client_id).";

    private final ClientRegistry clients;
    private final PublicUrl publicUrl;
    private final AuthorizationCodes codes;
    private final TokenService tokens;
    private final AuditLog audit;
    private final Clock clock;

    public AuthorizeEndpoint(ClientRegistry clients, PublicUrl publicUrl, AuthorizationCodes codes,
            TokenService tokens, AuditLog audit, Clock clock) {
        this.clients = clients;
        this.publicUrl = publicUrl;
        this.codes = codes;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    public Authorization validate(AuthorizeRequest r) {
        ClientConfig client = client(r);
        String redirectUri = redirectUri(r, client);
        String state = r.state() != null && r.state().length() <= MAX_STATE ? r.state() : null;
        ResponseTarget target = new ResponseTarget(redirectUri, "token".equals(r.responseType()), state,
                publicUrl.api());
        if (!r.repeated().isEmpty()) {
            throw target.error("invalid_request", "parameter '" + r.repeated().iterator().next() + "' is repeated");
        }
        ResponseType responseType = responseType(r, client, target);
        String scope;
        try {
            scope = Scopes.grant(r.scope());
        } catch (OAuthException e) {
            throw target.error("invalid_scope", e.getMessage());
        }
        String challenge = responseType == ResponseType.CODE ? challenge(r, client, target) : null;
        if (r.state() != null && state == null) {
            throw target.error("invalid_request", "state is longer than " + MAX_STATE + " characters");
        }
        if (r.nonce() != null && r.nonce().length() > MAX_NONCE) {
            throw target.error("invalid_request", "nonce is longer than " + MAX_NONCE + " characters");
        }
        return new Authorization(client, redirectUri, responseType, scope, hideTenant(r, target), challenge,
                r.nonce(), prompt(r, target), target, r);
    }

    /**
     * The successful authorization response for a signed-in user: a code (§4.1.2) or, for the
     * implicit grant, an access token in the fragment (§4.2.2; never a refresh token).
     *
     * @param owner the user, with {@code authTime} set
     * @param origin the browser's address and request id, for the audit line of an implicit grant
     * @return the redirect location
     */
    public String complete(Authorization a, TokenOwner owner, Origin origin) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (a.responseType() == ResponseType.CODE) {
            parameters.put("code", codes.issue(a.client().id(), a.redirectUri(), owner, a.scope(),
                    a.codeChallenge(), a.nonce()));
        } else {
            IssuedTokens issued = tokens.issue(owner, a.client().id(), a.scope(), a.client().accessTokenTtl(), null);
            if (clients.client(a.client().id()).isEmpty()) {
                // Deleted while the user signed in: its deletion revoked what came before, this goes too.
                tokens.revokeFamily(issued.access().family());
                throw new UnverifiedClientException(UNKNOWN_CLIENT);
            }
            try {
                audit.recordRequired(AuditEvent.of(AuditEventType.TOKEN_ISSUED, AuditEvent.Outcome.SUCCESS)
                        .user(owner.userName()).tenant(owner.tenantId()).client(a.client().id()).origin(origin)
                        .detail("grant", "implicit").detail("scope", issued.scope()).build());
            } catch (AuditUnavailableException e) {
                // audit.failClosed: no line, no token (never handed out, and revoked).
                tokens.revokeFamily(issued.access().family());
                throw e;
            }
            long expiresIn = Math.max(0, Duration.between(clock.instant(), issued.accessExpiresAt()).toSeconds());
            parameters.put("access_token", issued.accessToken());
            parameters.put("token_type", "bearer");
            parameters.put("expires_in", Long.toString(expiresIn));
            parameters.put("scope", issued.scope());
        }
        return a.target().location(parameters);
    }

    private ClientConfig client(AuthorizeRequest r) {
        if (r.repeated().contains("client_id")) {
            throw new UnverifiedClientException("The request is not valid: client_id is repeated.");
        }
        if (r.clientId() == null) {
            throw new UnverifiedClientException("The request is not valid: client_id is missing.");
        }
        return clients.client(r.clientId()).orElseThrow(() -> new UnverifiedClientException(UNKNOWN_CLIENT));
    }

    private static String redirectUri(AuthorizeRequest r, ClientConfig client) {
        if (r.repeated().contains("redirect_uri")) {
            throw new UnverifiedClientException("The request is not valid: redirect_uri is repeated.");
        }
        if (r.redirectUri() == null) {
            throw new UnverifiedClientException("The request is not valid: redirect_uri is missing.");
        }
        if (!client.allowsRedirect(r.redirectUri())) {
            throw new UnverifiedClientException(
                    "The application asked to return to an address that is not registered for it (redirect_uri).");
        }
        return r.redirectUri();
    }

    private static ResponseType responseType(AuthorizeRequest r, ClientConfig client, ResponseTarget target) {
        if (r.responseType() == null) {
            throw target.error("invalid_request", "response_type is missing");
        }
        ResponseType type = switch (r.responseType()) {
            case "code" -> ResponseType.CODE;
            case "token" -> ResponseType.TOKEN;
            default -> throw target.error("unsupported_response_type", "response_type must be code or token");
        };
        String grant = type == ResponseType.CODE ? "authorization_code" : "implicit";
        if (!client.allows(grant)) {
            throw target.error("unauthorized_client", "this client is not registered for the " + grant + " grant");
        }
        return type;
    }

    /** RFC 7636 §4.3, §4.4.1; RFC 9700 §2.1.1: S256 only, and required for public clients. */
    private static String challenge(AuthorizeRequest r, ClientConfig client, ResponseTarget target) {
        if (r.codeChallenge() == null) {
            if (r.codeChallengeMethod() != null) {
                throw target.error("invalid_request", "code_challenge_method without code_challenge");
            }
            if (client.isPublic()) {
                throw target.error("invalid_request", "PKCE is required for public clients (code_challenge, S256)");
            }
            return null;
        }
        // §4.3: an absent method means plain, which is refused like any method but S256.
        if (!Pkce.S256.equals(r.codeChallengeMethod())) {
            throw target.error("invalid_request", "code_challenge_method must be S256");
        }
        if (!Pkce.isValidChallenge(r.codeChallenge())) {
            throw target.error("invalid_request", "code_challenge must be 43 base64url characters (S256)");
        }
        return r.codeChallenge();
    }

    private static boolean hideTenant(AuthorizeRequest r, ResponseTarget target) {
        if (r.hideTenant() == null) {
            return false;
        }
        return switch (r.hideTenant().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw target.error("invalid_request", "hideTenant must be true or false");
        };
    }

    private static Prompt prompt(AuthorizeRequest r, ResponseTarget target) {
        if (r.prompt() == null) {
            return Prompt.DEFAULT;
        }
        Set<String> values = new HashSet<>(Arrays.asList(r.prompt().trim().split(" +")));
        if (values.contains("none")) {
            if (values.size() > 1) {
                throw target.error("invalid_request", "prompt=none cannot be combined with other values");
            }
            return Prompt.NONE;
        }
        return values.contains("login") ? Prompt.LOGIN : Prompt.DEFAULT;
    }
}
