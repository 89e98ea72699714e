package dev.authbridge.seed;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.RDN;
import java.util.Locale;

/**
 * A plain container for a parent the LDIF does not contain, when its RDN says what it is:
 * {@code ou} an organizationalUnit, {@code o} an organization, {@code dc} a dcObject
 * organization (as {@code slapd}'s own base entries are), {@code l} a locality, {@code c} a
 * country. Anything else cannot be guessed.
 */
final class ParentEntries {
    private ParentEntries() {}

    /** The entry to create, or null when the RDN's type has no obvious object class. */
    static Entry placeholder(DN dn) {
        RDN rdn = dn.getRDN();
        if (rdn == null || rdn.getAttributeNames().length != 1) {
            return null;
        }
        String type = rdn.getAttributeNames()[0];
        String value = rdn.getAttributeValues()[0];
        Entry entry = new Entry(dn);
        switch (type.toLowerCase(Locale.ROOT)) {
            case "ou" -> entry.addAttribute("objectClass", "top", "organizationalUnit");
            case "o" -> entry.addAttribute("objectClass", "top", "organization");
            case "dc" -> {
                entry.addAttribute("objectClass", "top", "dcObject", "organization");
                entry.addAttribute("o", value);
            }
            case "l" -> entry.addAttribute("objectClass", "top", "locality");
            case "c" -> entry.addAttribute("objectClass", "top", "country");
            default -> {
                return null;
            }
        }
        entry.addAttribute(type, value);
        return entry;
    }
}
