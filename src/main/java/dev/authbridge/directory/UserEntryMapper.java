package dev.authbridge.directory;

import com.unboundid.ldap.sdk.Entry;
import dev.authbridge.config.TenantConfig;
import dev.authbridge.config.UsersConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a user entry into a {@link DirectoryUser}, following the attribute names of
 * {@link UsersConfig}. It also names the attributes to ask for, explicitly: the default id,
 * {@code entryUUID}, is operational and a server only returns it when asked by name.
 */
final class UserEntryMapper {

    private final UsersConfig users;
    private final String[] attributes;

    UserEntryMapper(UsersConfig users) {
        this.users = users;
        Set<String> names = new LinkedHashSet<>(List.of(
                users.loginAttribute(),
                users.idAttribute(),
                users.dbidAttribute(),
                users.emailAttribute(),
                users.givenNameAttribute(),
                users.familyNameAttribute()));
        names.addAll(users.properties().keySet());
        this.attributes = names.toArray(String[]::new);
    }

    /** The attributes every user search must request. */
    String[] attributes() {
        return attributes.clone();
    }

    /** The user's stable id, as {@link DirectoryUser#id()} has it; null when the entry has none. */
    String id(Entry entry) {
        if (users.idAttribute().equalsIgnoreCase("objectGUID")) {
            byte[] guid = entry.getAttributeValueBytes(users.idAttribute());
            return guid == null || guid.length != 16 ? null : activeDirectoryGuid(guid);
        }
        return entry.getAttributeValue(users.idAttribute());
    }

    /**
     * Active Directory's {@code objectGUID} is 16 raw bytes whose first three fields are
     * little-endian (MS-DTYP §2.3.4.2); rendered as the usual UUID string, as AD tools show it.
     */
    static String activeDirectoryGuid(byte[] b) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long high = ((le.getInt(0) & 0xFFFFFFFFL) << 32) | ((le.getShort(4) & 0xFFFFL) << 16) | (le.getShort(6) & 0xFFFFL);
        long low = ByteBuffer.wrap(b, 8, 8).order(ByteOrder.BIG_ENDIAN).getLong();
        return new UUID(high, low).toString();
    }

    /** The entry's login name, as the directory spells it. */
    String loginName(Entry entry) {
        return entry.getAttributeValue(users.loginAttribute());
    }

    DirectoryUser toUser(Entry entry, TenantConfig tenant, List<Role> roles) {
        return new DirectoryUser(
                entry.getDN(),
                id(entry),
                loginName(entry),
                dbid(entry.getAttributeValue(users.dbidAttribute())),
                entry.getAttributeValue(users.emailAttribute()),
                entry.getAttributeValue(users.givenNameAttribute()),
                entry.getAttributeValue(users.familyNameAttribute()),
                tenant,
                List.copyOf(roles),
                properties(entry));
    }

    /** Vendor clients read {@code properties} as strings; absent attributes are left out. */
    private Map<String, String> properties(Entry entry) {
        Map<String, String> properties = new LinkedHashMap<>();
        users.properties().forEach((attribute, property) -> {
            String value = entry.getAttributeValue(attribute);
            if (value != null) {
                properties.put(property, value);
            }
        });
        return Collections.unmodifiableMap(properties);
    }

    /** A dbid that is missing or not a number is no dbid at all, rather than a failed login. */
    private static Long dbid(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
