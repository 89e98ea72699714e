package dev.authbridge.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The content of LDIF files written for OpenLDAP: schema definitions from entries under
 * {@code cn=schema,cn=config} ({@code olcAttributeTypes}, {@code olcObjectClasses}, with their
 * {@code {N}} ordering prefixes removed) and every other entry as data. This is what lets one
 * shipped schema file serve slapd, the embedded server and the ApacheDS tests alike.
 *
 * @param attributeTypes RFC 4512 attribute type descriptions
 * @param objectClasses RFC 4512 object class descriptions
 * @param entries data entries, in file order
 */
record SchemaLdif(List<String> attributeTypes, List<String> objectClasses, List<Entry> entries) {

    private static final DN CN_CONFIG = Tenants.parseDn("cn=config");
    private static final DN SCHEMA = Tenants.parseDn("cn=schema,cn=config");
    /** slapd's "X-ORDERED" value prefix, e.g. {@code {0}( 1.2.3 NAME 'x' )}. */
    private static final Pattern ORDER_PREFIX = Pattern.compile("^\\{\\d+}\\s*");

    static SchemaLdif read(List<Path> files) throws IOException, LDIFException, LDAPException {
        List<String> attributeTypes = new ArrayList<>();
        List<String> objectClasses = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (Path file : files) {
            try (LDIFReader reader = new LDIFReader(file.toFile())) {
                for (Entry entry = reader.readEntry(); entry != null; entry = reader.readEntry()) {
                    DN dn = entry.getParsedDN();
                    if (dn.isDescendantOf(SCHEMA, false)) {
                        attributeTypes.addAll(definitions(entry, "olcAttributeTypes"));
                        objectClasses.addAll(definitions(entry, "olcObjectClasses"));
                    } else if (!dn.isDescendantOf(CN_CONFIG, true)) {
                        entries.add(entry);
                    }
                }
            }
        }
        return new SchemaLdif(List.copyOf(attributeTypes), List.copyOf(objectClasses),
                List.copyOf(entries));
    }

    /** The schema definitions as a subschema entry's schema (RFC 4512 §4.2). */
    Schema schema() {
        Entry subschema = new Entry("cn=schema");
        subschema.addAttribute("objectClass", "top", "ldapSubentry", "subschema");
        if (!attributeTypes.isEmpty()) {
            subschema.addAttribute("attributeTypes", attributeTypes);
        }
        if (!objectClasses.isEmpty()) {
            subschema.addAttribute("objectClasses", objectClasses);
        }
        return new Schema(subschema);
    }

    private static List<String> definitions(Entry entry, String attribute) {
        String[] values = entry.getAttributeValues(attribute);
        if (values == null) {
            return List.of();
        }
        List<String> definitions = new ArrayList<>();
        for (String value : values) {
            definitions.add(ORDER_PREFIX.matcher(value).replaceFirst(""));
        }
        return definitions;
    }
}
