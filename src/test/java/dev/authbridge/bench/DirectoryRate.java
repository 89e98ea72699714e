package dev.authbridge.bench;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.config.TenantConfig;
import dev.authbridge.directory.LoginName;
import dev.authbridge.directory.Tenants;
import java.util.List;

/**
 * The directory's own limit for exactly what a password grant asks of it — find the user
 * (service-account search), bind as the user, read the user's groups — driven straight through
 * the UnboundID SDK at the same concurrency, each client on its own two connections (one bound
 * as the service account, one for the user binds), as authbridge keeps them.
 */
final class DirectoryRate implements LoadRunner.ClientFactory {
    static final String NAME = "directory";

    private final AuthbridgeConfig config;
    private final LDAPURL url;
    private final List<Scenarios.Credentials> users;

    DirectoryRate(AuthbridgeConfig config, String url, List<Scenarios.Credentials> users) throws LDAPException {
        this.config = config;
        this.url = new LDAPURL(url);
        this.users = users;
    }

    @Override
    public LoadRunner.Client open(int index) throws LDAPException {
        DirectoryConfig d = config.directory();
        LDAPConnection search = connect();
        LDAPConnection bind;
        try {
            if (d.bindDn() != null) {
                search.bind(d.bindDn(), d.bindPassword().reveal());
            }
            bind = connect();
        } catch (LDAPException e) {
            search.close();
            throw e;
        }
        int[] n = {index};
        return new LoadRunner.Client() {
            @Override
            public boolean step() throws LDAPException {
                return authenticate(search, bind, users.get(n[0]++ % users.size()));
            }

            @Override
            public void close() {
                search.close();
                bind.close();
            }
        };
    }

    private boolean authenticate(LDAPConnection search, LDAPConnection bind, Scenarios.Credentials c) throws LDAPException {
        DirectoryConfig d = config.directory();
        LoginName login = Tenants.of(config).parse(c.user());
        TenantConfig tenant = login.tenant();
        String usersBase = tenant == null ? d.users().baseDn() : tenant.usersBaseDn();
        String groupsBase = tenant == null ? d.groups().baseDn() : tenant.groupsBaseDn();
        SearchRequest find = new SearchRequest(usersBase, SearchScope.SUB,
                Filter.createANDFilter(d.users().filter(), Filter.createEqualityFilter(d.users().loginAttribute(), login.user())),
                d.users().loginAttribute(), d.users().idAttribute(), d.users().dbidAttribute(),
                d.users().emailAttribute(), d.users().givenNameAttribute(), d.users().familyNameAttribute());
        find.setSizeLimit(2);
        SearchResult found = search.search(find);
        if (found.getEntryCount() != 1) {
            return false;
        }
        String dn = found.getSearchEntries().get(0).getDN();
        bind.bind(dn, c.password());
        search.search(new SearchRequest(groupsBase, SearchScope.SUB,
                Filter.createANDFilter(d.groups().filter(), Filter.createEqualityFilter(d.groups().memberAttribute(), new DN(dn).toString())),
                d.groups().nameAttribute(), d.groups().privilegesAttribute()));
        return true;
    }

    private LDAPConnection connect() throws LDAPException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(5_000);
        options.setResponseTimeoutMillis(30_000);
        return new LDAPConnection(options, url.getHost(), url.getPort());
    }
}
