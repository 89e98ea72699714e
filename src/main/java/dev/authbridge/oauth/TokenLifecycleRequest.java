package dev.authbridge.oauth;

import dev.authbridge.audit.Origin;
import dev.authbridge.web.FormBody;

/**
 * A revocation (RFC 7009 §2.1) or introspection (RFC 7662 §2.1) request, parsed once at the edge:
 * the calling client's credentials, the {@code token} and the optional {@code token_type_hint}.
 * The hint is only a hint: tokens are found by their hash whatever their type.
 *
 * @param origin the caller's address and request id, for brute-force protection and the audit log
 */
public record TokenLifecycleRequest(TokenRequest.ClientCredentials client, String token, String tokenTypeHint,
        Origin origin) {

    public static TokenLifecycleRequest parse(FormBody form, String authorization, Origin origin) {
        return new TokenLifecycleRequest(TokenRequest.clientCredentials(form, authorization), form.get("token"),
                form.get("token_type_hint"), origin);
    }

    /** The token, or {@code invalid_request} when it is missing (both RFCs: REQUIRED). */
    public String requireToken() {
        if (token == null) {
            throw OAuthException.invalidRequest("missing parameter: token");
        }
        return token;
    }

    @Override
    public String toString() {
        return "TokenLifecycleRequest[client=" + (client == null ? null : client.id())
                + ", tokenTypeHint=" + tokenTypeHint + "]";
    }
}
