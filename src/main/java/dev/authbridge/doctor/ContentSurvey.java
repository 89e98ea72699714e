package dev.authbridge.doctor;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.TenantConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs the configured user and group searches the way authbridge scopes them (each tenant's
 * subtrees; outside every tenant, the users base minus the tenants' subtrees) and reports how
 * many entries each sees, plus the user entries the mapping cannot use: without a login name,
 * without the stable id, or sharing a login name (authbridge refuses an ambiguous name).
 */
final class ContentSurvey {
    /** Counting stops here: enough to tell an administrator "many". */
    static final int COUNT_LIMIT = 100_000;
    private static final int PAGE = 500;

    private final AuthbridgeConfig config;
    private final LDAPConnection connection;
    private final boolean paged;

    ContentSurvey(AuthbridgeConfig config, LDAPConnection connection, ServerFeatures features) {
        this.config = config;
        this.connection = connection;
        this.paged = features.pagedResults();
    }

    List<Finding> survey() {
        List<Finding> findings = new ArrayList<>();
        List<DN> tenantUserBases = new ArrayList<>();
        List<DN> tenantGroupBases = new ArrayList<>();
        for (int i = 0; i < config.tenants().size(); i++) {
            TenantConfig t = config.tenants().get(i);
            tenantUserBases.add(dn(t.usersBaseDn()));
            tenantGroupBases.add(dn(t.groupsBaseDn()));
            String subject = "tenant " + t.domains().get(0) + " (" + t.id() + ")";
            survey(findings, subject, "tenants[" + i + "].usersBaseDn", t.usersBaseDn(),
                    "tenants[" + i + "].groupsBaseDn", t.groupsBaseDn(), entry -> true, entry -> true);
        }
        String usersBase = config.directory().users().baseDn();
        String groupsBase = config.directory().groups().baseDn();
        survey(findings, "outside every tenant", "directory.users.baseDn", usersBase,
                "directory.groups.baseDn", groupsBase,
                entry -> outside(entry, tenantUserBases), entry -> outside(entry, tenantGroupBases));
        return findings;
    }

    private void survey(List<Finding> findings, String subject, String usersKey, String usersBase,
            String groupsKey, String groupsBase, Predicate<SearchResultEntry> userScope,
            Predicate<SearchResultEntry> groupScope) {
        var users = config.directory().users();
        var groups = config.directory().groups();
        UserTally tally = new UserTally(users.loginAttribute(), users.idAttribute());
        try {
            search(usersBase, users.filter(), userScope, tally, users.loginAttribute(), users.idAttribute());
        } catch (LDAPException e) {
            findings.add(searchFailure(subject, usersKey, usersBase, e));
            return;
        }
        int[] groupCount = new int[1];
        try {
            search(groupsBase, groups.filter(), groupScope, entry -> groupCount[0]++, "1.1");
        } catch (LDAPException e) {
            findings.add(searchFailure(subject, groupsKey, groupsBase, e));
            return;
        }
        String counts = count(tally.count) + " users, " + count(groupCount[0]) + " groups";
        if (tally.count == 0) {
            findings.add(Finding.warn(subject, "no user entry matches " + users.filter() + " under " + usersBase,
                    "check " + usersKey + " and directory.users.filter"));
        } else {
            findings.add(Finding.ok(subject, counts + " (users under " + usersBase + ")"));
        }
        if (tally.withoutLogin > 0) {
            findings.add(Finding.warn(subject, tally.withoutLogin + " users have no " + users.loginAttribute()
                    + " and cannot sign in", "give them one, or set directory.users.loginAttribute"));
        }
        if (tally.withoutId > 0) {
            findings.add(Finding.warn(subject, tally.withoutId + " users have no " + users.idAttribute()
                    + " (their stable id) and cannot sign in",
                    "set directory.users.idAttribute to an attribute every user has (objectGUID on Active Directory)"));
        }
        tally.duplicates().forEach(name -> findings.add(Finding.warn(subject, "login name '" + name
                + "' belongs to several entries: none of them can sign in", "make " + users.loginAttribute()
                + " unique within the tenant")));
    }

    private void search(String base, Filter filter, Predicate<SearchResultEntry> scope,
            java.util.function.Consumer<SearchResultEntry> sink, String... attributes) throws LDAPException {
        int[] seen = new int[1];
        SearchRequest request = new SearchRequest(base, SearchScope.SUB, DereferencePolicy.NEVER,
                paged ? 0 : COUNT_LIMIT, 0, false, filter, attributes);
        ASN1OctetString cookie = null;
        do {
            if (paged) {
                request.setControls(new SimplePagedResultsControl(PAGE, cookie));
            }
            SearchResult result;
            try {
                result = connection.search(request);
            } catch (LDAPSearchException e) {
                if (e.getResultCode() != ResultCode.SIZE_LIMIT_EXCEEDED) {
                    throw e;
                }
                result = e.getSearchResult(); // the entries up to the limit: "at least" that many
            }
            for (SearchResultEntry entry : result.getSearchEntries()) {
                if (scope.test(entry) && seen[0]++ < COUNT_LIMIT) {
                    sink.accept(entry);
                }
            }
            SimplePagedResultsControl response = paged ? SimplePagedResultsControl.get(result) : null;
            cookie = response == null || !response.moreResultsToReturn() ? null : response.getCookie();
        } while (cookie != null && seen[0] < COUNT_LIMIT);
    }

    private static Finding searchFailure(String subject, String key, String base, LDAPException e) {
        if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
            return Finding.fail(subject, base + " does not exist", "create it, or correct " + key);
        }
        if (e.getResultCode() == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
            return Finding.fail(subject, "the service account may not search " + base,
                    "grant directory.bindDn read and search access to " + base);
        }
        return Finding.fail(subject, "searching " + base + " failed (" + e.getResultCode().getName() + ")",
                "see the directory's log; check " + key);
    }

    private static boolean outside(SearchResultEntry entry, List<DN> tenantBases) {
        try {
            DN dn = entry.getParsedDN();
            return tenantBases.stream().noneMatch(base -> dn.isDescendantOf(base, true));
        } catch (LDAPException e) {
            return false;
        }
    }

    private static String count(int n) {
        return n >= COUNT_LIMIT ? "at least " + COUNT_LIMIT : Integer.toString(n);
    }

    private static DN dn(String dn) {
        try {
            return new DN(dn);
        } catch (LDAPException e) {
            throw new IllegalArgumentException("validated at start-up: " + dn, e);
        }
    }

    /** Counts user entries and the ones the mapping cannot use. */
    private static final class UserTally implements java.util.function.Consumer<SearchResultEntry> {
        private final String loginAttribute;
        private final String idAttribute;
        private final Map<String, Integer> logins = new HashMap<>();
        int count;
        int withoutLogin;
        int withoutId;

        UserTally(String loginAttribute, String idAttribute) {
            this.loginAttribute = loginAttribute;
            this.idAttribute = idAttribute;
        }

        @Override
        public void accept(SearchResultEntry entry) {
            count++;
            String login = entry.getAttributeValue(loginAttribute);
            if (login == null) {
                withoutLogin++;
            } else {
                logins.merge(login.toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
            if (entry.getAttributeValue(idAttribute) == null) {
                withoutId++;
            }
        }

        List<String> duplicates() {
            return logins.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
        }
    }
}
