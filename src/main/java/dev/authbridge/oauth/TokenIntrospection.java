package dev.authbridge.oauth;

import dev.authbridge.api.PublicUrl;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.directory.Directory;
import dev.authbridge.directory.DirectoryUser;
import dev.authbridge.directory.Role;
import dev.authbridge.token.StoredToken;
import dev.authbridge.token.TokenService;
import java.util.List;
import java.util.Optional;

/**
 * Token introspection (<a href="https://www.rfc-editor.org/rfc/rfc7662">RFC 7662</a>) for
 * resource servers holding an opaque access token. The caller must be a confidential client
 * (§2.1: the endpoint MUST require authentication; a public client proves nothing, and would
 * make this an open oracle). Any confidential client may ask about any token: a resource server
 * is rarely the client a token was issued to, and it learns nothing the token's bearer could not
 * already learn from {@code /userinfo}.
 *
 * <p>Active means: a live (not expired, not revoked) access token whose user still exists in
 * the directory. Refresh tokens are never active here: they are credentials for the token
 * endpoint only (RFC 6749 §1.5), a resource server has no business holding one.
 */
public final class TokenIntrospection {
    private final ClientAuthenticator clients;
    private final TokenService tokens;
    private final Directory directory;
    private final PublicUrl publicUrl;

    public TokenIntrospection(ClientAuthenticator clients, TokenService tokens, Directory directory,
            PublicUrl publicUrl) {
        this.clients = clients;
        this.tokens = tokens;
        this.directory = directory;
        this.publicUrl = publicUrl;
    }

    public IntrospectionResponse introspect(TokenLifecycleRequest request) {
        ClientConfig caller = clients.authenticate(request.client(), request.origin());
        if (caller.isPublic()) {
            throw OAuthException.invalidClient("introspection requires a confidential client");
        }
        Optional<StoredToken> live = tokens.authenticate(request.requireToken());
        if (live.isEmpty()) {
            return IntrospectionResponse.INACTIVE;
        }
        StoredToken token = live.get();
        if (!token.owner().isUser()) {
            // client_credentials: the client is the principal (sub), as in /userinfo; no resource
            // owner, so no username (RFC 7662 §2.2), as /userinfo has no loginName for a service.
            return active(token, token.clientId(), null, null, null);
        }
        Optional<DirectoryUser> user = directory.findByDn(token.owner().userDn());
        if (user.isEmpty()) {
            return IntrospectionResponse.INACTIVE;
        }
        DirectoryUser u = user.get();
        return active(token, token.owner().subject(), token.owner().userName(),
                u.tenant() == null ? null : u.tenant().id().toString(),
                u.roles().stream().map(Role::name).toList());
    }

    private IntrospectionResponse active(StoredToken token, String sub, String username, String tenant,
            List<String> roles) {
        return new IntrospectionResponse(true, token.scope(), token.clientId(), username, "bearer",
                token.expiresAt().getEpochSecond(), token.issuedAt().getEpochSecond(), sub, token.clientId(),
                publicUrl.api(), tenant, roles, token.act() == null ? null : token.act().claims());
    }
}
