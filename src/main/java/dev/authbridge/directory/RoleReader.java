package dev.authbridge.directory;

import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.authbridge.config.GroupsConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the roles of a user: every group (below a base) whose member attribute names the user's
 * DN becomes a {@link Role} named by {@link GroupsConfig#roleName}, carrying the group's
 * privileges. Roles and privileges are sorted, so tokens and userinfo are stable.
 */
final class RoleReader {

    private final DeadlinePool pool;
    private final GroupsConfig groups;
    private final String[] attributes;
    private final int timeLimitSeconds;

    RoleReader(DeadlinePool pool, GroupsConfig groups, int timeLimitSeconds) {
        this.pool = pool;
        this.groups = groups;
        this.attributes = new String[] {groups.nameAttribute(), groups.privilegesAttribute()};
        this.timeLimitSeconds = timeLimitSeconds;
    }

    /** The user's roles; a groups base that does not exist means no roles. */
    List<Role> rolesOf(String userDn, String groupsBaseDn) throws LDAPException {
        Filter filter = Filter.createANDFilter(
                groups.filter(), Filter.createEqualityFilter(groups.memberAttribute(), userDn));
        SearchRequest request = new SearchRequest(groupsBaseDn, SearchScope.SUB,
                DereferencePolicy.NEVER, 0, timeLimitSeconds, false, filter, attributes);
        List<SearchResultEntry> entries;
        try {
            entries = pool.search(request).getSearchEntries();
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return List.of();
            }
            throw e;
        }
        List<Role> roles = new ArrayList<>();
        for (SearchResultEntry entry : entries) {
            String name = entry.getAttributeValue(groups.nameAttribute());
            if (name != null) {
                roles.add(new Role(groups.roleName(name), privileges(entry)));
            }
        }
        roles.sort(Comparator.comparing(Role::name));
        return List.copyOf(roles);
    }

    private List<String> privileges(SearchResultEntry entry) {
        String[] values = entry.getAttributeValues(groups.privilegesAttribute());
        if (values == null) {
            return List.of();
        }
        return Arrays.stream(values).sorted().distinct().toList();
    }
}
