package dev.authbridge.directory;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises {@code userPassword} however a request spells it: any case, by OID
 * ({@code 2.5.4.35}), with options ({@code userPassword;binary}), or as an attribute type the
 * schema derives from it. The embedded directory uses it to never return, match or compare a
 * password.
 */
final class PasswordAttributes {
    private static final String USER_PASSWORD_OID = "2.5.4.35";

    private final Schema schema;
    /** Lower-case names and OIDs of userPassword and its subtypes. */
    private final Set<String> names = new HashSet<>();

    PasswordAttributes(Schema schema) {
        this.schema = schema;
        names.add("userpassword");
        names.add(USER_PASSWORD_OID);
        for (AttributeTypeDefinition type : schema.getAttributeTypes()) {
            if (isPasswordType(type)) {
                names.add(type.getOID().toLowerCase(Locale.ROOT));
                for (String name : type.getNames()) {
                    names.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    private boolean isPasswordType(AttributeTypeDefinition type) {
        for (AttributeTypeDefinition t = type; t != null; t = t.getSuperiorType(schema)) {
            if (USER_PASSWORD_OID.equals(t.getOID())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code attribute} (a name or OID, options allowed) designates a password. */
    boolean isPassword(String attribute) {
        return attribute != null && names.contains(Attribute.getBaseName(attribute).toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the filter tests a password anywhere: a filter is an oracle (substrings give the
     * value away character by character). An extensible match without an attribute type tests
     * every attribute of the entry, the password included.
     */
    boolean testsPassword(Filter filter) {
        return switch (filter.getFilterType()) {
            case Filter.FILTER_TYPE_AND, Filter.FILTER_TYPE_OR -> {
                for (Filter component : filter.getComponents()) {
                    if (testsPassword(component)) {
                        yield true;
                    }
                }
                yield false;
            }
            case Filter.FILTER_TYPE_NOT -> testsPassword(filter.getNOTComponent());
            case Filter.FILTER_TYPE_EXTENSIBLE_MATCH -> filter.getAttributeName() == null
                    || isPassword(filter.getAttributeName());
            default -> isPassword(filter.getAttributeName());
        };
    }

    /** The entry without its password attributes (the entry itself when it has none). */
    Entry withoutPasswords(Entry entry) {
        Entry copy = null;
        for (Attribute attribute : entry.getAttributes()) {
            if (isPassword(attribute.getName())) {
                if (copy == null) {
                    copy = entry.duplicate();
                }
                copy.removeAttribute(attribute.getName());
            }
        }
        return copy == null ? entry : copy;
    }
}
