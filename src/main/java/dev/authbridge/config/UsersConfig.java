package dev.authbridge.config;

import com.unboundid.ldap.sdk.Filter;
import java.util.Map;

/**
 * Where users live and how their entries map to the API's user model.
 *
 * @param filter extra filter every user entry must match (parsed at start-up)
 * @param properties directory attribute name → property name in {@code properties}
 */
public record UsersConfig(
        String baseDn,
        Filter filter,
        String loginAttribute,
        String idAttribute,
        String dbidAttribute,
        String emailAttribute,
        String givenNameAttribute,
        String familyNameAttribute,
        Map<String, String> properties) {}
