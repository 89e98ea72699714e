package dev.authbridge.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFException;
import dev.authbridge.config.EmbeddedConfig;
import java.io.IOException;
import java.net.InetAddress;

/**
 * An in-memory LDAP directory (UnboundID) on 127.0.0.1, for the demo and for tests: authbridge
 * talks to it over a real socket exactly as it talks to OpenLDAP or Active Directory.
 *
 * <p>It loads the configured LDIF files in order. Entries under {@code cn=schema,cn=config}
 * (OpenLDAP's schema format) are merged into the server's schema instead of being added, so the
 * schema file shipped for OpenLDAP is the embedded server's schema too. Operational attributes
 * ({@code entryUUID}, timestamps) are generated.
 *
 * <p>Passwords are kept as the LDIF gives them. The SDK's salted-digest password encoder shares
 * one {@link java.security.MessageDigest} between the server's connection threads, and
 * concurrent binds then fail with "invalid credentials" at random; the demo server listens on
 * loopback only.
 */
public final class EmbeddedDirectoryServer implements AutoCloseable {

    private static final String LISTENER = "ldap";

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
            config.setSchema(Schema.mergeSchemas(Schema.getDefaultStandardSchema(), ldif.schema()));
            config.setGenerateOperationalAttributes(true);
            config.setEnforceAttributeSyntaxCompliance(true);
            config.setEnforceSingleStructuralObjectClass(true);
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig(
                    LISTENER, InetAddress.getByName("127.0.0.1"), cfg.port(), null));
            InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
            for (Entry entry : ldif.entries()) {
                server.add(entry);
            }
            server.startListening();
            return new EmbeddedDirectoryServer(server);
        } catch (IOException | LDIFException | LDAPException e) {
            throw new IllegalStateException("cannot start the embedded directory: " + e.getMessage(), e);
        }
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
