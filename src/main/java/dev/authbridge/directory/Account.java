package dev.authbridge.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import dev.authbridge.config.TenantConfig;
import java.util.Objects;

/**
 * Whom a typed name designates, as {@link Directory#locate} found it: an entry, known by its
 * stable {@link #id()}, or no one ({@link #miss()} says why). Handed back to
 * {@link Directory#authenticate(Account, dev.authbridge.config.Secret)}: between the search and
 * the bind, the caller can decide by the account, not by the spelling of its name (the lockout
 * keys failures by {@link #id()}).
 */
public final class Account {
    private final LoginName login;
    private final String id;
    private final String name;
    private final RejectReason miss;
    /** The entry and its tenant, for the adapter that found it (null when no one). */
    final SearchResultEntry entry;
    final TenantConfig tenant;

    private Account(LoginName login, String id, String name, RejectReason miss, SearchResultEntry entry,
            TenantConfig tenant) {
        this.login = Objects.requireNonNull(login, "login");
        this.id = id;
        this.name = name;
        this.miss = miss;
        this.entry = entry;
        this.tenant = tenant;
    }

    /** The entry found for {@code login}; {@code stableId} may be null (then the DN stands in). */
    static Account found(LoginName login, SearchResultEntry entry, TenantConfig tenant, String stableId,
            String name) {
        return new Account(login, key(stableId, entry.getDN()), name, null, entry, tenant);
    }

    /** No one: {@code why} is {@link RejectReason#MALFORMED_USER_NAME}, {@code UNKNOWN_TENANT} or {@code UNKNOWN_USER}. */
    public static Account none(LoginName login, RejectReason why) {
        return new Account(login, null, null, Objects.requireNonNull(why, "why"), null, null);
    }

    /**
     * An account's identity for counting: its stable id ({@code directory.users.idAttribute}),
     * or, for an entry without one, its normalised DN. The same for a user found by name and for
     * the user of a token ({@code subject}, {@code userDn}).
     */
    public static String key(String stableId, String dn) {
        if (stableId != null && !stableId.isEmpty()) {
            return stableId;
        }
        try {
            return "dn:" + new DN(dn).toNormalizedString();
        } catch (LDAPException e) {
            return "dn:" + dn;
        }
    }

    public boolean isFound() {
        return id != null;
    }

    /** The name as typed (canonical). */
    public LoginName login() {
        return login;
    }

    /** {@link #key(String, String)} of the entry; null when no one was found. */
    public String id() {
        return id;
    }

    /** <code>tenant&#92;user</code> as the entry names itself (canonical); null when no one was found. */
    public String name() {
        return name;
    }

    /** Why no one was found; null when found. */
    public RejectReason miss() {
        return miss;
    }

    @Override
    public String toString() {
        return isFound() ? "account " + name + " (" + id + ")" : "no account for " + login + " (" + miss.code() + ")";
    }
}
