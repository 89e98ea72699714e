package dev.authbridge.directory;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPoolStatistics;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.config.PasswordChangeStrategy;
import dev.authbridge.config.Secret;
import dev.authbridge.config.TenantConfig;
import dev.authbridge.config.TlsMode;
import dev.authbridge.directory.AuthResult.AccountRestricted;
import dev.authbridge.directory.AuthResult.Authenticated;
import dev.authbridge.directory.AuthResult.AuthenticatedWithWarning;
import dev.authbridge.directory.AuthResult.Rejected;
import dev.authbridge.directory.PasswordChangeResult.Refused;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Directory} port on an LDAP server (OpenLDAP, Active Directory, ApacheDS…), through
 * the UnboundID LDAP SDK.
 *
 * <p>A password check is: refuse what needs no directory (malformed name, unknown tenant) →
 * search the user, by the canonical name ({@link Tenants#canonical}), as the service account with
 * an escaped filter → exactly one entry ({@link #locate}) → refuse an empty password → bind as
 * that entry on the bind pool, or, when there was none, as an entry that does not exist (the same
 * work, so the answer's timing does not tell) → read the user's groups. Users of a tenant are
 * searched in the tenant's subtree only; users outside every tenant in the configured users
 * base, minus every tenant subtree, so <code>&#92;agent1</code> never finds a tenant's agent1.
 *
 * <p>Every user bind asks for the password-policy control; its answer and Active Directory's
 * sub-codes become {@link AuthResult} variants and {@link PasswordReason}s
 * ({@link BindOutcome}). Password changes are made as the user by {@link PasswordChanger}.
 *
 * <p>A user proved by other means than a password (a trusted issuer's assertion) is looked up by
 * an attribute ({@link #lookUp}): the same search with another equality filter, the account's
 * state read from its entry ({@link AccountStates}) instead of told by a bind.
 *
 * <p>Connections are made on demand: this class can be built while the directory is down; it
 * answers {@link DirectoryUnavailableException} until the directory is back, then works again.
 */
public final class LdapDirectory implements Directory {
    private static final Logger log = LoggerFactory.getLogger(LdapDirectory.class);
    /** Attributes a look-up never matches: a filter on a password is an oracle for it. */
    private static final Set<String> PASSWORD_ATTRIBUTES =
            Set.of("userpassword", "2.5.4.35", "unicodepwd", "authpassword", "userpkcs12");

    private final DirectoryConfig config;
    private final Tenants tenants;
    private final LdapPools pools;
    private final UserEntryMapper mapper;
    private final RoleReader roles;
    private final PasswordChanger changer;
    private final Filter usersFilter;
    private final String[] userAttributes;
    /** {@link #userAttributes} and what {@link AccountStates} reads. */
    private final String[] lookUpAttributes;
    private final Clock clock;
    private final DN usersBase;
    private final int timeLimitSeconds;
    /** Outside every tenant, each tenant may hide one namesake: room for those plus two. */
    private final int outsideSizeLimit;
    /** The RDN value of the entry no one has, bound to for unknown names (random per process). */
    private final String nobody = "authbridge-nobody-" + UUID.randomUUID();

    /** A directory whose password-change strategy is chosen from its root DSE. */
    public LdapDirectory(DirectoryConfig config, List<TenantConfig> tenants) {
        this(config, tenants, PasswordChangeStrategy.AUTO);
    }

    public LdapDirectory(DirectoryConfig config, List<TenantConfig> tenants,
            PasswordChangeStrategy passwordChange) {
        this(config, tenants, passwordChange, Clock.systemUTC());
    }

    /** @param clock decides whether an account has expired ({@link #lookUp}) */
    public LdapDirectory(DirectoryConfig config, List<TenantConfig> tenants,
            PasswordChangeStrategy passwordChange, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.tenants = new Tenants(tenants, null);
        this.usersFilter = config.users().filter();
        this.mapper = new UserEntryMapper(config.users());
        this.userAttributes = mapper.attributes();
        this.lookUpAttributes = Stream.concat(Stream.of(userAttributes), Stream.of(AccountStates.ATTRIBUTES))
                .distinct().toArray(String[]::new);
        this.usersBase = Tenants.parseDn(config.users().baseDn());
        this.timeLimitSeconds = (int) Math.max(1, config.responseTimeout().toSeconds());
        this.outsideSizeLimit = tenants.size() + 2;
        this.pools = LdapPools.open(config);
        this.roles = new RoleReader(pools.search(), config.groups(), timeLimitSeconds);
        this.changer = new PasswordChanger(pools, passwordChange, config.tls() != TlsMode.NONE,
                config.bindDn() != null, timeLimitSeconds);
    }

    @Override
    public Account locate(LoginName login) {
        if (!login.plausible()) {
            return Account.none(login, RejectReason.MALFORMED_USER_NAME);
        }
        if (login.isUnknownTenant()) {
            return Account.none(login, RejectReason.UNKNOWN_TENANT);
        }
        // The SDK escapes the value (RFC 4515): "*)(uid=*" is a name, never filter syntax.
        Match match = findUser(login.tenant(),
                Filter.createEqualityFilter(config.users().loginAttribute(), login.user()), userAttributes);
        if (match.entry() == null) {
            return Account.none(login, RejectReason.UNKNOWN_USER);
        }
        SearchResultEntry entry = match.entry();
        String loginName = mapper.loginName(entry);
        return Account.found(login, entry, login.tenant(), mapper.id(entry),
                Tenants.qualifiedName(login.tenant(), loginName == null ? login.user() : loginName));
    }

    @Override
    public AuthResult lookUp(TenantConfig tenant, String attribute, String value) {
        if (!PlausibleNames.isPlausible(value) || attribute == null
                || PASSWORD_ATTRIBUTES.contains(Attribute.getBaseName(attribute)
                        .toLowerCase(Locale.ROOT))) {
            return new Rejected(RejectReason.MALFORMED_USER_NAME);
        }
        // The SDK escapes the value (RFC 4515): "*)(uid=*" is a value, never filter syntax.
        Match match = findUser(tenant, Filter.createEqualityFilter(attribute, value), lookUpAttributes);
        if (match.entry() == null) {
            return new Rejected(match.miss());
        }
        PasswordReason state = AccountStates.of(match.entry(), clock.instant());
        if (state != null) {
            return new AccountRestricted(state);
        }
        return new Authenticated(toUser(match.entry(), tenant));
    }

    @Override
    public AuthResult authenticate(Account account, Secret password) {
        if (password == null || password.isEmpty()) {
            // RFC 4513 §5.1.2: a bind with a DN and no password is an unauthenticated bind,
            // which many servers answer with success.
            return new Rejected(RejectReason.EMPTY_PASSWORD);
        }
        if (!account.isFound()) {
            bindInVain(account, password);
            return new Rejected(account.miss());
        }
        BindOutcome outcome = BindOutcome.of(bindAsUser(account.entry.getDN(), password));
        if (outcome instanceof BindOutcome.Restricted restricted) {
            return new AccountRestricted(restricted.state());
        }
        if (outcome instanceof BindOutcome.Refused refused) {
            return new Rejected(refused.reason());
        }
        PasswordWarning warning = ((BindOutcome.Accepted) outcome).warning();
        DirectoryUser user = toUser(account.entry, account.tenant);
        return warning == null ? new Authenticated(user) : new AuthenticatedWithWarning(user, warning);
    }

    /**
     * For a name the search found no one for: the bind a wrong password would have cost, on the
     * same pool, to an entry that does not exist, so that the answer takes as long as for a
     * user who exists (no timing tells them apart). An outage still is one.
     */
    private void bindInVain(Account account, Secret password) {
        if (account.miss() != RejectReason.UNKNOWN_USER) {
            return; // refused before the search: nothing was asked, nothing to match
        }
        TenantConfig tenant = account.login().tenant();
        String base = tenant == null ? config.users().baseDn() : tenant.usersBaseDn();
        BindOutcome.of(bindAsUser("cn=" + nobody + "," + base, password));
    }

    /**
     * Binds as the user on a connection of the bind pool, which serves nothing but user binds:
     * the connection may stay bound as this user, since the next use is another bind that
     * replaces the identity (one bind per sign-in instead of a bind and a revert). A connection
     * found dead (the server restarted) is replaced and the bind tried once more.
     */
    private LDAPResult bindAsUser(String dn, Secret password) {
        DeadlinePool pool = pools.bind();
        for (int attempt = 0; ; attempt++) {
            LDAPConnection connection;
            try {
                connection = pool.getConnection();
            } catch (LDAPException e) {
                return e.toLDAPResult();
            }
            try {
                LDAPResult result = connection.bind(BindOutcome.request(dn, password));
                pool.releaseConnection(connection);
                return result;
            } catch (LDAPException e) {
                if (ResultCode.isConnectionUsable(e.getResultCode())) {
                    pool.releaseConnection(connection);
                    return e.toLDAPResult();
                }
                pool.releaseDefunctConnection(connection);
                if (attempt > 0) {
                    return e.toLDAPResult();
                }
            }
        }
    }

    @Override
    public PasswordChangeResult changePassword(Account account, Secret oldPassword, Secret newPassword) {
        PasswordChangeResult pointless = PasswordChangeResult.pointless(oldPassword, newPassword);
        if (pointless != null) {
            return pointless;
        }
        if (!account.isFound()) {
            log.info("password change refused: {}", account);
            bindInVain(account, oldPassword);
            return new Refused(PasswordReason.WRONG_OLD_PASSWORD);
        }
        return changer.change(account.entry.getDN(), mapper.id(account.entry), oldPassword, newPassword);
    }

    @Override
    public PasswordChangeResult changePassword(String userDn, Secret oldPassword, Secret newPassword) {
        PasswordChangeResult pointless = PasswordChangeResult.pointless(oldPassword, newPassword);
        if (pointless != null) {
            return pointless;
        }
        Located located = locateByDn(userDn);
        if (located.entry() == null) {
            return new Refused(PasswordReason.WRONG_OLD_PASSWORD);
        }
        return changer.change(located.entry().getDN(), mapper.id(located.entry()), oldPassword, newPassword);
    }

    @Override
    public Optional<DirectoryUser> findByDn(String dn) {
        Located located = locateByDn(dn);
        return located.entry() == null
                ? Optional.empty()
                : Optional.of(toUser(located.entry(), located.tenant()));
    }

    /**
     * Reads the root DSE over the search pool, as the pool's background check does: the
     * readiness probe. Throws {@link DirectoryUnavailableException} when the directory cannot
     * answer within the configured timeouts.
     */
    public void checkHealth() {
        try {
            if (pools.search().getRootDSE() == null) {
                throw LdapFailures.unavailable("reading the root DSE", ResultCode.NO_SUCH_OBJECT);
            }
        } catch (LDAPException e) {
            throw LdapFailures.unavailable("reading the root DSE", e);
        }
    }

    /** The connection pools' statistics ({@code search}, {@code bind}), for metrics. */
    public Map<String, LDAPConnectionPoolStatistics> poolStatistics() {
        return Map.of("search", pools.search().getConnectionPoolStatistics(),
                "bind", pools.bind().getConnectionPoolStatistics());
    }

    /** The strategy password changes use (read from the root DSE when configured as auto). */
    PasswordChangeStrategy passwordChangeStrategy() {
        return changer.strategy();
    }

    @Override
    public void close() {
        pools.close();
    }

    /** The entry of a user found by DN (with its tenant), or why there is none (for logs only). */
    private record Located(SearchResultEntry entry, TenantConfig tenant, String miss) {
        static Located none(String why) {
            return new Located(null, null, why);
        }
    }

    /** A user entry by DN: only below a tenant's users or the users base, and matching the filter. */
    private Located locateByDn(String dn) {
        DN parsed;
        try {
            parsed = new DN(dn);
        } catch (LDAPException e) {
            return Located.none("not a DN");
        }
        TenantConfig tenant = tenants.byUserDn(parsed).orElse(null);
        if (tenant == null && !parsed.isDescendantOf(usersBase, true)) {
            return Located.none("outside the users");
        }
        SearchRequest request = new SearchRequest(dn, SearchScope.BASE, DereferencePolicy.NEVER,
                1, timeLimitSeconds, false, usersFilter, userAttributes);
        List<SearchResultEntry> entries;
        try {
            entries = pools.search().search(request).getSearchEntries();
        } catch (LDAPException e) {
            // A DN the server cannot take (Active Directory: an RDN type it does not allow) names no one.
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT || e.getResultCode() == ResultCode.INVALID_DN_SYNTAX) {
                return Located.none("no such entry");
            }
            throw LdapFailures.unavailable("reading a user", e);
        }
        return entries.isEmpty() ? Located.none("no such user") : new Located(entries.get(0), tenant, null);
    }

    /** The one user entry a search found, or why there is none ({@code UNKNOWN_USER}, {@code AMBIGUOUS_USER}). */
    private record Match(SearchResultEntry entry, RejectReason miss) {}

    /** The one user entry matching {@code match} in the tenant's subtree (or outside all). */
    private Match findUser(TenantConfig tenant, Filter match, String[] attributes) {
        String base = tenant == null ? config.users().baseDn() : tenant.usersBaseDn();
        Filter filter = Filter.createANDFilter(usersFilter, match);
        SearchRequest request = new SearchRequest(base, SearchScope.SUB, DereferencePolicy.NEVER,
                tenant == null ? outsideSizeLimit : 2, timeLimitSeconds, false, filter, attributes);
        List<SearchResultEntry> entries;
        try {
            entries = pools.search().search(request).getSearchEntries();
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                return new Match(null, RejectReason.AMBIGUOUS_USER);
            }
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return new Match(null, RejectReason.UNKNOWN_USER);
            }
            throw LdapFailures.unavailable("searching for a user", e);
        }
        if (tenant == null) {
            entries = entries.stream().filter(this::isOutsideEveryTenant).toList();
        }
        return switch (entries.size()) {
            case 0 -> new Match(null, RejectReason.UNKNOWN_USER);
            case 1 -> new Match(entries.get(0), null);
            default -> new Match(null, RejectReason.AMBIGUOUS_USER);
        };
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
