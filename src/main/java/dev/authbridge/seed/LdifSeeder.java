package dev.authbridge.seed;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedRequest;
import com.unboundid.ldap.sdk.schema.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Brings a directory in line with LDIF files (see the package documentation). Nothing is
 * written when the files or the server's schema have a problem; a failure on one entry is
 * reported and the others still go ahead.
 */
public final class LdifSeeder {
    static final String PASSWORD_MODIFY_OID = "1.3.6.1.4.1.4203.1.11.1";
    private static final String ACTIVE_DIRECTORY_OID = "1.2.840.113556.1.4.800";

    /** Opens a fresh unbound connection, to test a user's password without disturbing the seeding one. */
    @FunctionalInterface
    public interface Connector {
        LDAPConnection open() throws LDAPException, GeneralSecurityException;
    }

    private final LDAPConnection connection;
    private final Connector connector;
    private final SeedOptions options;
    private final List<SeedChange> changes = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<DN> known = new HashSet<>();
    private Set<DN> inLdif = Set.of();
    private List<DN> namingContexts = List.of();
    private EntryDiff diff;
    private PasswordScheme scheme;

    /** @param connection bound as an identity that may write the entries (and read their passwords) */
    public LdifSeeder(LDAPConnection connection, Connector connector, SeedOptions options) {
        this.connection = connection;
        this.connector = connector;
        this.options = options;
    }

    public SeedReport seed(List<Path> files) throws IOException, LDAPException {
        LdifContent content = LdifContent.read(files);
        problems.addAll(content.problems());
        RootDSE dse = connection.getRootDSE();
        Schema schema = connection.getSchema();
        diff = new EntryDiff(schema);
        if (dse != null && dse.getNamingContextDNs() != null) {
            namingContexts = Arrays.stream(dse.getNamingContextDNs()).map(LdifSeeder::dn).toList();
        }
        if (!content.attributeTypes().isEmpty() || !content.objectClasses().isEmpty()) {
            if (schema == null) {
                notes.add("the server's schema cannot be read: the schema in " + content.schemaFiles() + " was not checked");
            } else {
                List<String> missing = SchemaCheck.missing(content, schema);
                problems.addAll(missing);
                if (missing.isEmpty()) {
                    notes.add("schema of " + content.schemaFiles() + ": already on the server");
                }
            }
        }
        boolean activeDirectory = dse != null && dse.getAttribute("supportedCapabilities") != null
                && dse.getAttribute("supportedCapabilities").hasValue(ACTIVE_DIRECTORY_OID);
        if (activeDirectory && content.entries().stream().anyMatch(e -> e.hasAttribute(EntryDiff.USER_PASSWORD))) {
            problems.add("Active Directory keeps passwords in unicodePwd, set over LDAPS by its own tools — fix: "
                    + "remove userPassword from the LDIF and set the passwords with Active Directory's tools");
        }
        if (!problems.isEmpty()) {
            return report();
        }
        scheme = resolve(options.passwords(), dse);
        notes.add("plaintext passwords: " + describe(scheme));
        inLdif = new HashSet<>();
        content.entries().forEach(e -> inLdif.add(dn(e.getDN())));
        for (Entry entry : content.entries()) {
            try {
                apply(entry);
            } catch (LDAPException e) {
                problems.add(entry.getDN() + ": refused by the server (" + e.getResultCode().getName()
                        + (e.getDiagnosticMessage() == null ? "" : ": " + e.getDiagnosticMessage())
                        + ") — fix: correct the entry, or give the seeding account write access");
            }
        }
        return report();
    }

    private void apply(Entry entry) throws LDAPException {
        DN dn = entry.getParsedDN();
        Entry existing = connection.getEntry(entry.getDN(), "*");
        if (existing == null) {
            if (ensureParents(dn)) {
                add(entry);
            }
            return;
        }
        known.add(dn);
        EntryPasswords passwords = new EntryPasswords(entry.getAttributeValues(EntryDiff.USER_PASSWORD), scheme);
        List<Modification> mods = new ArrayList<>(diff.modifications(entry, existing, options.replace()));
        boolean setPassword = false;
        if (passwords.present()) {
            setPassword = passwords.differ(existing.getAttributeValues(EntryDiff.USER_PASSWORD), entry.getDN(), this::canBind, notes);
            if (setPassword && !passwords.viaServer()) {
                mods.add(new Modification(ModificationType.REPLACE, EntryDiff.USER_PASSWORD, passwords.stored()));
            }
        } else if (options.replace() && existing.hasAttribute(EntryDiff.USER_PASSWORD)) {
            mods.add(new Modification(ModificationType.DELETE, EntryDiff.USER_PASSWORD));
        }
        if (mods.isEmpty() && !setPassword) {
            changes.add(new SeedChange(SeedChange.Kind.UNCHANGED, entry.getDN(), List.of()));
            return;
        }
        List<String> names = new ArrayList<>(mods.stream().map(Modification::getAttributeName).distinct().toList());
        if (setPassword && !names.contains(EntryDiff.USER_PASSWORD)) {
            names.add(EntryDiff.USER_PASSWORD);
        }
        if (!options.dryRun()) {
            if (!mods.isEmpty()) {
                connection.modify(entry.getDN(), mods);
            }
            if (setPassword) {
                finish(passwords, entry.getDN());
            }
        }
        changes.add(new SeedChange(SeedChange.Kind.MODIFY, entry.getDN(), names));
    }

    private void add(Entry entry) throws LDAPException {
        Entry toAdd = entry.duplicate();
        for (var attribute : entry.getAttributes()) {
            if (!diff.isUserModifiable(attribute.getBaseName())) {
                toAdd.removeAttribute(attribute.getName());
                notes.add(entry.getDN() + ": " + attribute.getBaseName() + " is maintained by the server; left out");
            }
        }
        EntryPasswords passwords = new EntryPasswords(entry.getAttributeValues(EntryDiff.USER_PASSWORD), scheme);
        toAdd.removeAttribute(EntryDiff.USER_PASSWORD);
        if (passwords.present()) {
            // When the server hashes, the entry is added with a password nobody knows (some object
            // classes, simpleSecurityObject, require one) and Password Modify then sets the real
            // one: should that fail, the account is unusable, never weakly protected.
            toAdd.addAttribute(EntryDiff.USER_PASSWORD,
                    passwords.viaServer() ? new String[] {EntryPasswords.unknowable()} : passwords.stored());
        }
        if (!options.dryRun()) {
            connection.add(toAdd);
            if (passwords.present()) {
                finish(passwords, entry.getDN());
            }
        }
        known.add(entry.getParsedDN());
        changes.add(new SeedChange(SeedChange.Kind.ADD, entry.getDN(), List.of()));
    }

    /** Makes sure the entry's parent exists or will, creating plain containers where obvious. */
    private boolean ensureParents(DN dn) throws LDAPException {
        DN parent = dn.getParent();
        if (parent == null || parent.isNullDN() || namingContexts.contains(dn) || !insideNamingContext(parent)
                || known.contains(parent) || inLdif.contains(parent)) {
            return true;
        }
        if (connection.getEntry(parent.toString(), "1.1") != null) {
            known.add(parent);
            return true;
        }
        Entry placeholder = ParentEntries.placeholder(parent);
        if (placeholder == null) {
            problems.add(dn + ": its parent " + parent + " does not exist and is not in the LDIF — fix: add "
                    + parent + " to the LDIF");
            return false;
        }
        if (!ensureParents(parent)) {
            return false;
        }
        if (!options.dryRun()) {
            connection.add(placeholder);
        }
        known.add(parent);
        changes.add(new SeedChange(SeedChange.Kind.ADD_PARENT, parent.toString(), List.of()));
        return true;
    }

    /** Whether {@code dn} lies in one of the server's naming contexts (all, when unknown). */
    private boolean insideNamingContext(DN dn) {
        return namingContexts.isEmpty() || namingContexts.stream().anyMatch(nc -> dn.isDescendantOf(nc, true));
    }

    /** After the entry is written: the server hashes (Password Modify), then the password is tested. */
    private void finish(EntryPasswords passwords, String dn) throws LDAPException {
        if (passwords.viaServer()) {
            ExtendedResult result = connection.processExtendedOperation(
                    new PasswordModifyExtendedRequest(dn, null, passwords.first()));
            if (result.getResultCode() != ResultCode.SUCCESS) {
                problems.add(dn + ": the server refused to set the password (" + result.getResultCode().getName()
                        + ") — fix: give the seeding account the right to change passwords, or use --hash ssha512");
                return;
            }
        }
        if (passwords.plaintext() && scheme != PasswordScheme.NONE && !canBind(dn, passwords.first())) {
            problems.add(dn + ": the server does not accept the password just stored as " + scheme.option()
                    + " — fix: use --hash server (the server's own scheme), or enable that scheme "
                    + "(OpenLDAP: the pw-sha2 module for {SSHA256}/{SSHA512})");
        }
    }

    private boolean canBind(String dn, String password) throws LDAPException {
        try (LDAPConnection test = connector.open()) {
            test.bind(dn, password);
            return true;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                return false;
            }
            throw e;
        } catch (GeneralSecurityException e) {
            throw new LDAPException(ResultCode.CONNECT_ERROR, "cannot open a connection to test a password", e);
        }
    }

    private static PasswordScheme resolve(PasswordScheme asked, RootDSE dse) {
        if (asked != PasswordScheme.AUTO) {
            return asked;
        }
        return dse != null && dse.supportsExtendedOperation(PASSWORD_MODIFY_OID) ? PasswordScheme.SERVER : PasswordScheme.SSHA512;
    }

    private static String describe(PasswordScheme scheme) {
        return switch (scheme) {
            case SERVER -> "hashed by the server (Password Modify, RFC 3062)";
            case NONE -> "stored as written (--hash none)";
            default -> "hashed here as {" + scheme.name() + "}";
        };
    }

    private SeedReport report() {
        return new SeedReport(List.copyOf(changes), List.copyOf(problems), List.copyOf(notes));
    }

    private static DN dn(String text) {
        try {
            return new DN(text);
        } catch (LDAPException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
