package dev.authbridge.config;

import com.unboundid.ldap.sdk.Filter;
import java.util.Locale;
import java.util.Map;

/**
 * Where role groups live and how they become {@code authorities}.
 *
 * @param roles group name → role name; groups not listed become {@code ROLE_} + upper-cased name
 */
public record GroupsConfig(
        String baseDn,
        Filter filter,
        String memberAttribute,
        String nameAttribute,
        String privilegesAttribute,
        Map<String, String> roles) {

    public String roleName(String groupName) {
        String mapped = roles.get(groupName);
        return mapped != null ? mapped : "ROLE_" + groupName.toUpperCase(Locale.ROOT);
    }
}
