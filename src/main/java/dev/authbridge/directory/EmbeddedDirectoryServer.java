package dev.authbridge.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFException;
import dev.authbridge.config.EmbeddedConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * An in-memory LDAP directory (UnboundID) on 127.0.0.1, for the demo and for tests: authbridge
 * talks to it over a real socket exactly as it talks to OpenLDAP or Active Directory.
 *
 * <p>It loads the configured LDIF files in order. Entries under {@code cn=schema,cn=config}
 * (OpenLDAP's schema format) are merged into the server's schema instead of being added, so the
 * schema file shipped for OpenLDAP is the embedded server's schema too. Operational attributes
 * (timestamps, {@code entryDN}) are generated.
 *
 * <p>An entry's {@code entryUUID} is the user's stable id ({@code sub}, the subject of global
 * sign-out), so it must survive a restart; the server would draw a random one at every start.
 * An entry without one therefore gets a name-based UUID of its normalized DN (RFC 4122 §4.3,
 * version 5), the same at every start; an {@code entryUUID} the LDIF gives is kept as is.
 * The id follows the DN: an entry renamed in the LDIF becomes someone new (a server's modify-DN
 * would have kept its id), unless the LDIF gives it its old {@code entryUUID}.
 *
 * <p>Passwords are kept as the LDIF gives them. The SDK's salted-digest password encoder shares
 * one {@link java.security.MessageDigest} between the server's connection threads, and
 * concurrent binds then fail with "invalid credentials" at random. No one reads them: the
 * server answers only what authbridge needs, and never returns {@code userPassword}
 * ({@link EmbeddedDirectoryAccess}).
 */
public final class EmbeddedDirectoryServer implements AutoCloseable {

    private static final String LISTENER = "ldap";
    private static final String ENTRY_UUID = "entryUUID";
    /** RFC 4122 Appendix C: the name space for names that are X.500 DNs. */
    private static final UUID X500_NAMESPACE = UUID.fromString("6ba7b814-9dad-11d1-80b4-00c04fd430c8");

    private final InMemoryDirectoryServer server;

    private EmbeddedDirectoryServer(InMemoryDirectoryServer server) {
        this.server = server;
    }

    /**
     * Starts the server and returns once it accepts connections.
     *
     * @throws IllegalStateException when a file cannot be read or loaded, or the port is taken
     */
    public static EmbeddedDirectoryServer start(EmbeddedConfig cfg) {
        try {
            SchemaLdif ldif = SchemaLdif.read(cfg.ldif());
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(cfg.baseDn());
            Schema schema = Schema.mergeSchemas(Schema.getDefaultStandardSchema(), ldif.schema());
            config.setSchema(schema);
            // The server's own check (anonymous clients may only bind) under the finer rules.
            config.setAuthenticationRequiredOperationTypes(EnumSet.complementOf(
                    EnumSet.of(OperationType.BIND, OperationType.UNBIND, OperationType.ABANDON)));
            config.addInMemoryOperationInterceptor(new EmbeddedDirectoryAccess(
                    new DN(cfg.serviceDn()), administrators(cfg), schema));
            config.setGenerateOperationalAttributes(true);
            config.setEnforceAttributeSyntaxCompliance(true);
            config.setEnforceSingleStructuralObjectClass(true);
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig(
                    LISTENER, InetAddress.getByName("127.0.0.1"), cfg.port(), null));
            InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
            for (Entry entry : ldif.entries()) {
                // Added internally, not over LDAP: the server accepts the NO-USER-MODIFICATION
                // entryUUID then, and keeps it instead of generating one.
                server.add(withStableEntryUuid(entry));
            }
            server.startListening();
            return new EmbeddedDirectoryServer(server);
        } catch (IOException | LDIFException | LDAPException e) {
            throw new IllegalStateException("cannot start the embedded directory: " + e.getMessage(), e);
        }
    }

    private static Set<DN> administrators(EmbeddedConfig cfg) throws LDAPException {
        Set<DN> dns = new HashSet<>();
        for (String dn : cfg.administrators()) {
            dns.add(new DN(dn));
        }
        return dns;
    }

    /** The entry, with a name-based {@code entryUUID} added when it has none. */
    static Entry withStableEntryUuid(Entry entry) throws LDAPException {
        if (entry.hasAttribute(ENTRY_UUID)) {
            return entry;
        }
        Entry copy = entry.duplicate();
        copy.addAttribute(ENTRY_UUID, stableEntryUuid(entry.getParsedDN()).toString());
        return copy;
    }

    /**
     * The version 5 UUID of the DN's normalized form, so that case and spacing variants of one
     * DN get one id (RFC 4122 §4.3: SHA-1 over the name space's UUID then the name).
     */
    static UUID stableEntryUuid(DN dn) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16)
                .putLong(X500_NAMESPACE.getMostSignificantBits())
                .putLong(X500_NAMESPACE.getLeastSignificantBits())
                .array());
        ByteBuffer hash = ByteBuffer.wrap(sha1.digest(
                dn.toNormalizedString().getBytes(StandardCharsets.UTF_8)));
        long high = (hash.getLong() & ~0xF000L) | 0x5000L;
        long low = (hash.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** {@code ldap://127.0.0.1:<port>}. */
    public String ldapUrl() {
        return "ldap://127.0.0.1:" + port();
    }

    /** The port actually listened on (the chosen one when configured as 0). */
    public int port() {
        return server.getListenPort(LISTENER);
    }

    /** The underlying server, for tests that inspect or change the data. */
    public InMemoryDirectoryServer server() {
        return server;
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
