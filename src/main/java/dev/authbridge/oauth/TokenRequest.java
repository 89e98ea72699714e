package dev.authbridge.oauth;

import dev.authbridge.audit.Origin;
import dev.authbridge.config.Secret;
import dev.authbridge.web.FormBody;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A {@code POST /oauth/token} request, parsed once at the edge. Client credentials come from
 * the Basic header or the form (RFC 6749 §2.3.1), never both kinds of secret. The {@code
 * assertion} of the assertion grant (RFC 7523 §2.1) is a bearer credential, kept as a {@link
 * Secret} so that no log prints it.
 */
public record TokenRequest(
        String grantType,
        ClientCredentials client,
        String username,
        Secret password,
        String scope,
        String refreshToken,
        String code,
        String redirectUri,
        String codeVerifier,
        Exchange exchange,
        Secret assertion,
        Origin origin) {

    /** Who the caller says it is; {@code secret} is null for a public client. */
    public record ClientCredentials(String id, Secret secret) {}

    /**
     * The parameters of a token exchange (RFC 8693 §2.1); every one null when absent. Its text
     * names no token.
     */
    public record Exchange(String subjectToken, String subjectTokenType, String actorToken, String actorTokenType,
            String audience, String resource, String requestedTokenType) {

        static Exchange parse(FormBody form) {
            return new Exchange(form.get("subject_token"), form.get("subject_token_type"), form.get("actor_token"),
                    form.get("actor_token_type"), form.get("audience"), form.get("resource"),
                    form.get("requested_token_type"));
        }

        @Override
        public String toString() {
            return "Exchange[subjectTokenType=" + subjectTokenType + ", actorTokenType=" + actorTokenType
                    + ", audience=" + audience + ", resource=" + resource + ", requestedTokenType="
                    + requestedTokenType + "]";
        }
    }

    /** Names no credential: a request may be logged or shown in a failed assertion. */
    @Override
    public String toString() {
        return "TokenRequest[grantType=" + grantType + ", client=" + (client == null ? null : client.id())
                + ", username=" + username + ", scope=" + scope + ", redirectUri=" + redirectUri
                + ", exchange=" + exchange + ", origin=" + origin + "]";
    }

    public static TokenRequest parse(FormBody form, String authorization) {
        return parse(form, authorization, Origin.NONE);
    }

    /** @param origin the caller's address and request id, for brute-force protection and the audit log */
    public static TokenRequest parse(FormBody form, String authorization, Origin origin) {
        ClientCredentials client = clientCredentials(form, authorization);
        String password = form.get("password");
        String assertion = form.get("assertion");
        return new TokenRequest(
                form.get("grant_type"),
                client,
                form.get("username"),
                password == null ? null : new Secret(password),
                form.get("scope"),
                form.get("refresh_token"),
                form.get("code"),
                form.get("redirect_uri"),
                form.get("code_verifier"),
                Exchange.parse(form),
                assertion == null ? null : new Secret(assertion),
                origin);
    }

    /**
     * The client's claimed identity, from the Basic header or the form (RFC 6749 §2.3.1), or null
     * when it sent none. Shared by every client-authenticated endpoint (token, revocation,
     * introspection).
     */
    public static ClientCredentials clientCredentials(FormBody form, String authorization) {
        ClientCredentials basic = basic(authorization);
        String formId = form.get("client_id");
        String formSecret = form.get("client_secret");
        if (basic != null) {
            if (formSecret != null) {
                throw OAuthException.invalidRequest("use one client authentication method: Basic header or form, not both");
            }
            if (formId != null && !formId.equals(basic.id())) {
                throw OAuthException.invalidClient("client_id does not match the Basic credentials");
            }
            return basic;
        }
        return formId == null ? null : new ClientCredentials(formId, formSecret == null ? null : new Secret(formSecret));
    }

    /** {@code Authorization: Basic base64(urlencode(id):urlencode(secret))}, or null when absent. */
    private static ClientCredentials basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw OAuthException.invalidClient("malformed Basic credentials");
            }
            String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            return new ClientCredentials(id, secret.isEmpty() ? null : new Secret(secret));
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient("malformed Basic credentials");
        }
    }

    public String require(String name, String value) {
        if (value == null) {
            throw OAuthException.invalidRequest("missing parameter: " + name);
        }
        return value;
    }
}
