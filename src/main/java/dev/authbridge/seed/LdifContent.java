package dev.authbridge.seed;

import com.unboundid.ldap.sdk.ChangeType;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFAddChangeRecord;
import com.unboundid.ldif.LDIFChangeRecord;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The entries of LDIF files, parents before children, and the schema definitions of any
 * OpenLDAP schema entries among them ({@code cn=…,cn=schema,cn=config}), which {@code seed}
 * checks against the server's schema rather than writing.
 *
 * @param attributeTypes RFC 4512 attribute type descriptions from schema entries
 * @param objectClasses RFC 4512 object class descriptions from schema entries
 */
record LdifContent(List<Entry> entries, List<String> attributeTypes, List<String> objectClasses,
        List<Path> schemaFiles, List<String> problems) {

    private static final DN CN_CONFIG = dn("cn=config");
    private static final Pattern ORDER_PREFIX = Pattern.compile("^\\{\\d+}\\s*");

    static LdifContent read(List<Path> files) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<String> attributeTypes = new ArrayList<>();
        List<String> objectClasses = new ArrayList<>();
        List<Path> schemaFiles = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<DN> seen = new HashSet<>();
        for (Path file : files) {
            try (LDIFReader reader = new LDIFReader(file.toFile())) {
                while (true) {
                    LDIFChangeRecord record;
                    try {
                        record = reader.readChangeRecord(true);
                    } catch (LDIFException e) {
                        problems.add(file + " line " + e.getLineNumber() + ": not valid LDIF (" + e.getMessage()
                                + ") — fix: correct the file");
                        if (!e.mayContinueReading()) {
                            break;
                        }
                        continue;
                    }
                    if (record == null) {
                        break;
                    }
                    read(file, record, entries, attributeTypes, objectClasses, schemaFiles, problems, seen);
                }
            }
        }
        // Parents first: a stable sort by depth keeps the files' order among siblings.
        entries.sort(Comparator.comparingInt(e -> depth(e)));
        return new LdifContent(List.copyOf(entries), List.copyOf(attributeTypes), List.copyOf(objectClasses),
                List.copyOf(schemaFiles), List.copyOf(problems));
    }

    private static void read(Path file, LDIFChangeRecord record, List<Entry> entries, List<String> attributeTypes,
            List<String> objectClasses, List<Path> schemaFiles, List<String> problems, Set<DN> seen) {
        DN dn;
        try {
            dn = record.getParsedDN();
        } catch (LDAPException e) {
            problems.add(file + ": '" + record.getDN() + "' is not a valid DN — fix: correct the file");
            return;
        }
        if (record.getChangeType() != ChangeType.ADD) {
            problems.add(file + ": " + record.getDN() + " is a '" + record.getChangeType().getName()
                    + "' change record; seed loads entries — fix: apply change records with ldapmodify");
            return;
        }
        Entry entry = ((LDIFAddChangeRecord) record).getEntryToAdd();
        if (dn.isDescendantOf(CN_CONFIG, true)) {
            if (entry.hasAttribute("olcAttributeTypes") || entry.hasAttribute("olcObjectClasses")) {
                attributeTypes.addAll(definitions(entry, "olcAttributeTypes"));
                objectClasses.addAll(definitions(entry, "olcObjectClasses"));
                if (!schemaFiles.contains(file)) {
                    schemaFiles.add(file);
                }
            } else {
                problems.add(file + ": " + record.getDN() + " is server configuration — fix: load it with ldapadd -Y EXTERNAL -H ldapi:///");
            }
            return;
        }
        if (!seen.add(dn)) {
            problems.add(file + ": " + record.getDN() + " appears twice — fix: keep one entry per DN");
            return;
        }
        entries.add(entry);
    }

    private static List<String> definitions(Entry entry, String attribute) {
        String[] values = entry.getAttributeValues(attribute);
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                out.add(ORDER_PREFIX.matcher(value).replaceFirst(""));
            }
        }
        return out;
    }

    private static int depth(Entry entry) {
        try {
            return entry.getParsedDN().getRDNs().length;
        } catch (LDAPException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static DN dn(String dn) {
        try {
            return new DN(dn);
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }
}
