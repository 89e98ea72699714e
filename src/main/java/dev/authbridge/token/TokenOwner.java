package dev.authbridge.token;

import dev.authbridge.directory.DirectoryUser;
import java.time.Instant;

/**
 * Whom a token speaks for. For a user: their stable id ({@code subject}), DN, the name they
 * signed in with, their tenant's id, and when they proved who they are ({@code authTime}: the
 * sign-in, or the earlier browser sign-in a single sign-on rests on — OpenID Connect's
 * {@code auth_time}; null when unknown). For a client_credentials token every field is null.
 */
public record TokenOwner(String subject, String userDn, String userName, String tenantId, Instant authTime) {

    public static final TokenOwner CLIENT = new TokenOwner(null, null, null, null, null);

    /** An owner whose authentication time is not known. */
    public TokenOwner(String subject, String userDn, String userName, String tenantId) {
        this(subject, userDn, userName, tenantId, null);
    }

    /**
     * A directory user who proved who they are at {@code authTime}: the name is
     * <code>tenant&#92;user</code> with the tenant's first domain (<code>&#92;user</code> outside
     * every tenant).
     */
    public static TokenOwner of(DirectoryUser user, Instant authTime) {
        String tenantDomain = user.tenant() == null ? "" : user.tenant().domains().get(0);
        return new TokenOwner(user.id(), user.dn(), tenantDomain + "\\" + user.loginName(),
                user.tenant() == null ? null : user.tenant().id().toString(), authTime);
    }

    public boolean isUser() {
        return subject != null;
    }
}
