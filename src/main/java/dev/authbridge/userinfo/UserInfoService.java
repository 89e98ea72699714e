package dev.authbridge.userinfo;

import dev.authbridge.api.Json;
import dev.authbridge.directory.Directory;
import dev.authbridge.directory.DirectoryUser;
import dev.authbridge.jwt.GwsUserTokens;
import dev.authbridge.token.InvalidTokenException;
import dev.authbridge.token.StoredToken;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Maps the user behind an access token to the vendor's user models. Users are read from the
 * directory, so roles reflect the directory now, not at sign-in. A client_credentials token has
 * the client as principal: {@code username} and {@code sub} are the client id, and the fields
 * the vendor's model says are "not set for applications and services" are left out
 * ({@code loginName}, {@code cmeUserName}, {@code user_name}), as are those of a user record it
 * has none of (tenant, dbid, email, names). {@link #signedCloud} is the same
 * {@code CloudUserDetails} as a signed JWT, for the {@code X-GWS-User} header.
 */
public final class UserInfoService {
    private final Directory directory;
    private final String environmentId;
    private final GwsUserTokens gwsUser;

    public UserInfoService(Directory directory, UUID environmentId, GwsUserTokens gwsUser) {
        this.directory = directory;
        this.environmentId = environmentId.toString();
        this.gwsUser = gwsUser;
    }

    /**
     * {@link #cloud}'s fields as the claims of a signed JWT whose {@code sub} is the user's stable
     * id ({@code /openid/userinfo}'s {@code sub}; the client id for a client_credentials token) and
     * whose {@code aud} is the token's client. It expires with the access token at the latest.
     */
    @SuppressWarnings("unchecked")
    public String signedCloud(StoredToken token) {
        Map<String, Object> claims = Json.MAPPER.convertValue(cloud(token), Map.class);
        String subject = token.owner().isUser() ? token.owner().subject() : token.clientId();
        return gwsUser.sign(subject, token.clientId(), claims, token.expiresAt());
    }

    public CloudUserDetails cloud(StoredToken token) {
        if (!token.owner().isUser()) {
            return new CloudUserDetails(List.of(), null, null, null, environmentId, null, Map.of(), token.clientId());
        }
        DirectoryUser u = user(token);
        return new CloudUserDetails(u.roles(), u.loginName(), tenantId(u), u.dbid(), environmentId,
                u.loginName(), u.properties(), username(u));
    }

    public OpenIdUserInfo openId(StoredToken token) {
        if (!token.owner().isUser()) {
            return new OpenIdUserInfo(token.clientId(), List.of(), null, null, null, environmentId,
                    null, null, Map.of(), token.clientId(), null);
        }
        DirectoryUser u = user(token);
        return new OpenIdUserInfo(token.clientId(), u.roles(), tenantId(u), u.dbid(), u.email(), environmentId,
                u.familyName(), u.givenName(), u.properties(), u.id(), u.loginName());
    }

    /** The {@code CloudUserDetails} of a directory user; {@code authbridge check --user} shows it. */
    public static CloudUserDetails cloud(DirectoryUser u, String environmentId) {
        return new CloudUserDetails(u.roles(), u.loginName(), tenantId(u), u.dbid(), environmentId,
                u.loginName(), u.properties(), username(u));
    }

    /**
     * Unique system-wide; the vendor does not publish its format, so this one is authbridge's own:
     * {@code {contactCenterId}:{dbid}:{loginName}} for a contact center's user, and for a user
     * outside every tenant (an admin or service account) <code>&#92;loginName</code>, the name
     * they sign in with and the audit log's spelling (the vendor: "for non-Configuration Server
     * users the username can have other formats"). Neither can be taken for the other: a tenant's
     * starts with its UUID.
     */
    static String username(DirectoryUser u) {
        if (u.tenant() == null) {
            return "\\" + u.loginName();
        }
        return u.tenant().id() + ":" + (u.dbid() == null ? "" : u.dbid()) + ":" + u.loginName();
    }

    private DirectoryUser user(StoredToken token) {
        return directory.findByDn(token.owner().userDn()).orElseThrow(InvalidTokenException::new);
    }

    private static String tenantId(DirectoryUser u) {
        return u.tenant() == null ? null : u.tenant().id().toString();
    }
}
