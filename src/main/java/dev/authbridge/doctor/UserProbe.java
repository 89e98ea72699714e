package dev.authbridge.doctor;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.Secret;
import dev.authbridge.config.TenantConfig;
import dev.authbridge.directory.AuthResult;
import dev.authbridge.directory.Directory;
import dev.authbridge.directory.DirectoryUnavailableException;
import dev.authbridge.directory.DirectoryUser;
import dev.authbridge.directory.LoginName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One user, as authbridge would see them: found by the login name in the tenant's subtree (or
 * outside every tenant), read and mapped by the real {@link Directory} adapter, and, when a
 * password is given, signed in by it (search, then bind as the user).
 */
final class UserProbe {
    /** What the probe found; {@code user} is null when the user could not be read. */
    record Result(List<Finding> findings, DirectoryUser user) {}

    private final AuthbridgeConfig config;
    private final Directory directory;
    private final LDAPConnection connection;

    UserProbe(AuthbridgeConfig config, Directory directory, LDAPConnection connection) {
        this.config = config;
        this.directory = directory;
        this.connection = connection;
    }

    Result probe(LoginName login, Secret password) {
        String subject = "user " + login;
        List<Finding> findings = new ArrayList<>();
        TenantConfig tenant = null;
        if (login.domain() != null) {
            tenant = login.tenant();
            if (tenant == null) {
                findings.add(Finding.fail(subject, "no tenant has the domain '" + login.domain() + "'",
                        "use one of the tenants[].domains, or a leading backslash for a user outside every tenant"));
                return new Result(findings, null);
            }
        }
        Optional<String> dn = find(subject, login, tenant, findings);
        if (dn.isEmpty()) {
            return new Result(findings, null);
        }
        DirectoryUser user;
        try {
            user = directory.findByDn(dn.get()).orElse(null);
        } catch (DirectoryUnavailableException e) {
            findings.add(Finding.fail(subject, "reading the entry failed: " + e.getMessage(), "see the checks above"));
            return new Result(findings, null);
        }
        if (user == null) {
            findings.add(Finding.fail(subject, dn.get() + " does not match directory.users.filter",
                    "change the entry or directory.users.filter"));
            return new Result(findings, null);
        }
        findings.add(Finding.ok(subject, "found " + user.dn() + " (roles: " + user.roles().size() + ")"));
        if (user.id() == null) {
            findings.add(Finding.fail(subject, "the entry has no " + config.directory().users().idAttribute()
                    + " (its stable id)", "set directory.users.idAttribute to an attribute the entry has"));
        }
        if (tenant != null && user.dbid() == null) {
            findings.add(Finding.warn(subject, "no numeric " + config.directory().users().dbidAttribute()
                    + ": /userinfo has no dbid", "give the entry one, or set directory.users.dbidAttribute"));
        }
        if (password != null) {
            findings.add(signIn(subject, login, password));
        }
        return new Result(findings, user);
    }

    private Finding signIn(String subject, LoginName login, Secret password) {
        try {
            AuthResult result = directory.authenticate(login, password);
            if (result.signedInUser().isPresent()) {
                return Finding.ok(subject, "password accepted (search, then bind as the user)");
            }
            if (result instanceof AuthResult.Rejected rejected) {
                return Finding.fail(subject, "password refused (" + rejected.reason() + ")",
                        "check the password; the account may be locked or expired in the directory");
            }
            String state = result instanceof AuthResult.AccountRestricted restricted
                    ? restricted.reason().name() : result.getClass().getSimpleName();
            return Finding.fail(subject, "password right, but the account may not sign in now (" + state + ")",
                    "see the account's state in the directory (a must-change password: change it first)");
        } catch (DirectoryUnavailableException e) {
            return Finding.fail(subject, "the password check failed: " + e.getMessage(), "see the checks above");
        }
    }

    /** The user's DN, searched as {@code LdapDirectory} does, with every ambiguity reported. */
    private Optional<String> find(String subject, LoginName login, TenantConfig tenant, List<Finding> findings) {
        var users = config.directory().users();
        String base = tenant == null ? users.baseDn() : tenant.usersBaseDn();
        Filter filter = Filter.createANDFilter(users.filter(), Filter.createEqualityFilter(users.loginAttribute(), login.user()));
        List<SearchResultEntry> entries;
        try {
            entries = connection.search(new SearchRequest(base, SearchScope.SUB, DereferencePolicy.NEVER, 0, 0,
                    false, filter, "1.1")).getSearchEntries();
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                findings.add(Finding.fail(subject, base + " does not exist", "see the tenant checks above"));
            } else {
                findings.add(Finding.fail(subject, "searching failed (" + e.getResultCode().getName() + ")", "see the checks above"));
            }
            return Optional.empty();
        }
        if (tenant == null) {
            entries = entries.stream().filter(this::outsideEveryTenant).toList();
        }
        if (entries.isEmpty()) {
            findings.add(Finding.fail(subject, "no entry with " + users.loginAttribute() + "=" + login.user()
                    + " matching " + users.filter() + " under " + base, "check the name, the tenant and directory.users"));
            return Optional.empty();
        }
        if (entries.size() > 1) {
            findings.add(Finding.fail(subject, entries.size() + " entries have this login name; authbridge refuses all of them",
                    "make " + users.loginAttribute() + " unique within the tenant"));
            return Optional.empty();
        }
        return Optional.of(entries.get(0).getDN());
    }

    private boolean outsideEveryTenant(SearchResultEntry entry) {
        try {
            DN dn = entry.getParsedDN();
            for (TenantConfig t : config.tenants()) {
                if (dn.isDescendantOf(new DN(t.usersBaseDn()), true)) {
                    return false;
                }
            }
            return true;
        } catch (LDAPException e) {
            return false;
        }
    }
}
