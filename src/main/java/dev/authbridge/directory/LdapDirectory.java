package dev.authbridge.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.config.Secret;
import dev.authbridge.config.TenantConfig;
import dev.authbridge.directory.AuthResult.Authenticated;
import dev.authbridge.directory.AuthResult.Rejected;
import java.util.List;
import java.util.Optional;

/**
 * The {@link Directory} port on an LDAP server (OpenLDAP, Active Directory, ApacheDS…), through
 * the UnboundID LDAP SDK.
 *
 * <p>A password check is: refuse what needs no directory (empty password, malformed name,
 * unknown tenant) → search the user as the service account with an escaped filter → exactly one
 * entry → bind as that entry on the bind pool → read the user's groups. Users of a tenant are
 * searched in the tenant's subtree only; users outside every tenant in the configured users
 * base, minus every tenant subtree, so <code>&#92;agent1</code> never finds a tenant's agent1.
 *
 * <p>Connections are made on demand: this class can be built while the directory is down; it
 * answers {@link DirectoryUnavailableException} until the directory is back, then works again.
 */
public final class LdapDirectory implements Directory {

    private final DirectoryConfig config;
    private final TenantResolver tenants;
    private final LdapPools pools;
    private final UserEntryMapper mapper;
    private final RoleReader roles;
    private final Filter usersFilter;
    private final String[] userAttributes;
    private final DN usersBase;
    private final int timeLimitSeconds;
    /** Outside every tenant, each tenant may hide one namesake: room for those plus two. */
    private final int outsideSizeLimit;

    public LdapDirectory(DirectoryConfig config, List<TenantConfig> tenants) {
        this.config = config;
        this.tenants = new TenantResolver(tenants);
        this.usersFilter = config.users().filter();
        this.mapper = new UserEntryMapper(config.users());
        this.userAttributes = mapper.attributes();
        this.usersBase = TenantResolver.parse(config.users().baseDn());
        this.timeLimitSeconds = (int) Math.max(1, config.responseTimeout().toSeconds());
        this.outsideSizeLimit = tenants.size() + 2;
        this.pools = LdapPools.open(config);
        this.roles = new RoleReader(pools.search(), config.groups(), timeLimitSeconds);
    }

    @Override
    public AuthResult authenticate(LoginName login, Secret password) {
        if (password == null || password.isEmpty()) {
            // RFC 4513 §5.1.2: a bind with a DN and no password is an unauthenticated bind,
            // which many servers answer with success.
            return new Rejected("empty password");
        }
        if (!PlausibleNames.isPlausible(login.user())) {
            return new Rejected("malformed user name");
        }
        TenantConfig tenant = null;
        if (login.tenantDomain() != null) {
            tenant = tenants.byDomain(login.tenantDomain()).orElse(null);
            if (tenant == null) {
                return new Rejected("unknown tenant");
            }
        }
        SearchResultEntry entry = findUser(tenant, login.user());
        if (entry == null) {
            return new Rejected("no single entry for the user name");
        }
        try {
            pools.bind().bindAndRevertAuthentication(
                    new SimpleBindRequest(entry.getDN(), password.reveal()));
        } catch (LDAPException e) {
            if (LdapFailures.isCredentialRefusal(e.getResultCode())) {
                return new Rejected("bind refused: " + e.getResultCode());
            }
            throw LdapFailures.unavailable("checking a password", e);
        }
        return new Authenticated(toUser(entry, tenant));
    }

    @Override
    public Optional<DirectoryUser> findByDn(String dn) {
        DN parsed;
        try {
            parsed = new DN(dn);
        } catch (LDAPException e) {
            return Optional.empty();
        }
        TenantConfig tenant = tenants.byUserDn(parsed).orElse(null);
        if (tenant == null && !parsed.isDescendantOf(usersBase, true)) {
            return Optional.empty();
        }
        SearchRequest request = new SearchRequest(dn, SearchScope.BASE, DereferencePolicy.NEVER,
                1, timeLimitSeconds, false, usersFilter, userAttributes);
        List<SearchResultEntry> entries;
        try {
            entries = pools.search().search(request).getSearchEntries();
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return Optional.empty();
            }
            throw LdapFailures.unavailable("reading a user", e);
        }
        return entries.isEmpty() ? Optional.empty() : Optional.of(toUser(entries.get(0), tenant));
    }

    @Override
    public void close() {
        pools.close();
    }

    /** The one entry for this name in the tenant's subtree (or outside all), else null. */
    private SearchResultEntry findUser(TenantConfig tenant, String user) {
        String base = tenant == null ? config.users().baseDn() : tenant.usersBaseDn();
        // The SDK escapes the value (RFC 4515): "*)(uid=*" is a name, never filter syntax.
        Filter filter = Filter.createANDFilter(
                usersFilter, Filter.createEqualityFilter(config.users().loginAttribute(), user));
        SearchRequest request = new SearchRequest(base, SearchScope.SUB, DereferencePolicy.NEVER,
                tenant == null ? outsideSizeLimit : 2, timeLimitSeconds, false, filter,
                userAttributes);
        List<SearchResultEntry> entries;
        try {
            entries = pools.search().search(request).getSearchEntries();
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED
                    || e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return null;
            }
            throw LdapFailures.unavailable("searching for a user", e);
        }
        if (tenant == null) {
            entries = entries.stream().filter(this::isOutsideEveryTenant).toList();
        }
        return entries.size() == 1 ? entries.get(0) : null;
    }

    private boolean isOutsideEveryTenant(SearchResultEntry entry) {
        try {
            return tenants.byUserDn(entry.getParsedDN()).isEmpty();
        } catch (LDAPException e) {
            return false;
        }
    }

    private DirectoryUser toUser(SearchResultEntry entry, TenantConfig tenant) {
        String groupsBase = tenant == null ? config.groups().baseDn() : tenant.groupsBaseDn();
        try {
            return mapper.toUser(entry, tenant, roles.rolesOf(entry.getDN(), groupsBase));
        } catch (LDAPException e) {
            throw LdapFailures.unavailable("reading a user's groups", e);
        }
    }
}
