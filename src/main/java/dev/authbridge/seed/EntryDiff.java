package dev.authbridge.seed;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.matchingrules.MatchingRule;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The modifications that make an existing entry match an LDIF entry, with values compared by
 * the server's equality matching rules ({@code cn: Ada} equals {@code cn: ada}), so what the
 * server considers equal is never rewritten. {@code userPassword} is left to {@link
 * LdifSeeder}, which verifies rather than compares.
 *
 * <p>Update (the default): each attribute the LDIF names gets exactly the LDIF's values; object
 * classes are only added, never removed (an auxiliary class the server or an administrator added
 * may hold other attributes). Replace: additionally, user attributes the LDIF does not name are
 * removed, and the object classes become exactly the LDIF's. The RDN's values are never removed.
 */
final class EntryDiff {
    static final String USER_PASSWORD = "userPassword";
    private static final String OBJECT_CLASS = "objectClass";

    private final Schema schema;

    EntryDiff(Schema schema) {
        this.schema = schema;
    }

    List<Modification> modifications(Entry desired, Entry existing, boolean replace) throws LDAPException {
        List<Modification> mods = new ArrayList<>();
        RDN rdn = desired.getParsedDN().getRDN();
        for (Attribute wanted : desired.getAttributes()) {
            String name = wanted.getBaseName();
            if (name.equalsIgnoreCase(USER_PASSWORD) || !isUserModifiable(name)) {
                continue;
            }
            Attribute present = existing.getAttribute(name);
            if (name.equalsIgnoreCase(OBJECT_CLASS) && !replace) {
                List<String> missing = new ArrayList<>();
                for (String value : wanted.getValues()) {
                    if (present == null || !contains(name, present.getValues(), value)) {
                        missing.add(value);
                    }
                }
                if (!missing.isEmpty()) {
                    mods.add(new Modification(ModificationType.ADD, name, missing.toArray(String[]::new)));
                }
            } else if (present == null || !sameValues(name, wanted.getValues(), present.getValues())) {
                mods.add(new Modification(ModificationType.REPLACE, name, wanted.getValueByteArrays()));
            }
        }
        if (replace) {
            for (Attribute present : existing.getAttributes()) {
                String name = present.getBaseName();
                if (!desired.hasAttribute(name) && !name.equalsIgnoreCase(USER_PASSWORD) && isUserModifiable(name)
                        && !rdn.hasAttribute(name)) {
                    mods.add(new Modification(ModificationType.DELETE, name));
                }
            }
        }
        return mods;
    }

    /** Attributes a client may write: not operational, not NO-USER-MODIFICATION ({@code entryUUID}). */
    boolean isUserModifiable(String name) {
        AttributeTypeDefinition type = schema == null ? null : schema.getAttributeType(name);
        if (type == null) {
            return !OPERATIONAL.contains(name.toLowerCase(Locale.ROOT));
        }
        return !type.isOperational() && !type.isNoUserModification();
    }

    /** Well-known operational attributes, for a server whose schema cannot be read. */
    private static final Set<String> OPERATIONAL = Set.of("entryuuid", "entrydn", "entrycsn", "createtimestamp",
            "modifytimestamp", "creatorsname", "modifiersname", "structuralobjectclass", "hassubordinates",
            "subschemasubentry", "objectguid", "objectsid", "whencreated", "whenchanged", "usnchanged", "usncreated");

    private boolean sameValues(String name, String[] wanted, String[] present) {
        for (String value : wanted) {
            if (!contains(name, present, value)) {
                return false;
            }
        }
        for (String value : present) {
            if (!contains(name, wanted, value)) {
                return false;
            }
        }
        return true;
    }

    private boolean contains(String name, String[] values, String value) {
        MatchingRule rule = MatchingRule.selectEqualityMatchingRule(name, schema);
        for (String candidate : values) {
            try {
                if (rule.valuesMatch(new ASN1OctetString(candidate), new ASN1OctetString(value))) {
                    return true;
                }
            } catch (LDAPException e) {
                if (candidate.equals(value)) {
                    return true;
                }
            }
        }
        return false;
    }
}
