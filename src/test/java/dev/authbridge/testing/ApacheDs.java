package dev.authbridge.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldif.LDIFReader;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.directory.server.core.DefaultDirectoryService;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.directory.server.core.api.partition.Partition;
import org.apache.directory.server.core.factory.AvlPartitionFactory;
import org.apache.directory.server.core.factory.DefaultDirectoryServiceFactory;
import org.apache.directory.server.ldap.LdapServer;
import org.apache.directory.server.protocol.shared.transport.TcpTransport;
import org.slf4j.LoggerFactory;

/**
 * An ApacheDS for tests: in memory (AVL partition {@code dc=example,dc=com}, empty — not even
 * its context entry), on {@code ldap://127.0.0.1:<port>} (bound as port 0, then read back),
 * administered as {@code uid=admin,ou=system} / {@code secret}. {@link #addSchema} adds OpenLDAP-format schema
 * files the standard way, over LDAP to the subschema subentry ({@code cn=schema}, RFC 4512
 * §4.2); {@link #load} adds LDIF entries as the administrator.
 */
public final class ApacheDs implements AutoCloseable {
    public static final String ADMIN_DN = "uid=admin,ou=system";
    public static final String ADMIN_PASSWORD = "secret";
    public static final String SUFFIX = "dc=example,dc=com";

    private final DirectoryService service;
    private final LdapServer server;
    private final int port;

    private ApacheDs(DirectoryService service, LdapServer server, int port) {
        this.service = service;
        this.server = server;
        this.port = port;
    }

    public static ApacheDs start() throws Exception {
        ((Logger) LoggerFactory.getLogger("org.apache.directory")).setLevel(Level.WARN);
        ((Logger) LoggerFactory.getLogger("org.apache.mina")).setLevel(Level.WARN);
        DefaultDirectoryServiceFactory factory =
                new DefaultDirectoryServiceFactory(new DefaultDirectoryService(), new AvlPartitionFactory());
        factory.init("authbridge-apacheds-" + UUID.randomUUID());
        DirectoryService service = factory.getDirectoryService();
        service.setShutdownHookEnabled(false);
        service.getChangeLog().setEnabled(false);
        Partition partition = factory.getPartitionFactory().createPartition(
                service.getSchemaManager(), service.getDnFactory(), "example", SUFFIX, 100,
                new File(service.getInstanceLayout().getPartitionsDirectory(), "example"));
        service.addPartition(partition);
        LdapServer server = new LdapServer();
        server.setDirectoryService(service);
        TcpTransport transport = new TcpTransport("127.0.0.1", 0);
        server.setTransports(transport);
        server.start();
        int port = ((InetSocketAddress) transport.getAcceptor().getLocalAddress()).getPort();
        return new ApacheDs(service, server, port);
    }

    public String url() {
        return "ldap://127.0.0.1:" + port;
    }

    public LDAPConnection connect() throws LDAPException {
        return new LDAPConnection("127.0.0.1", port, ADMIN_DN, ADMIN_PASSWORD);
    }

    /** Adds the attribute types and object classes of OpenLDAP schema LDIF files ({@code olc…}). */
    public void addSchema(List<Path> files) throws Exception {
        try (LDAPConnection admin = connect()) {
            for (Path file : files) {
                try (LDIFReader reader = new LDIFReader(file.toFile())) {
                    for (Entry e = reader.readEntry(); e != null; e = reader.readEntry()) {
                        add(admin, e.getAttributeValues("olcAttributeTypes"), "attributeTypes");
                        add(admin, e.getAttributeValues("olcObjectClasses"), "objectClasses");
                    }
                }
            }
        }
    }

    /** Adds every entry of the files as the administrator. */
    public void load(List<Path> files) throws LDAPException, IOException {
        try (LDAPConnection admin = connect()) {
            for (Path file : files) {
                try (LDIFReader reader = new LDIFReader(file.toFile())) {
                    for (Entry e = readEntry(reader); e != null; e = readEntry(reader)) {
                        if (!e.getDN().toLowerCase().endsWith("cn=schema,cn=config")) {
                            admin.add(e);
                        }
                    }
                }
            }
        }
    }

    private static Entry readEntry(LDIFReader reader) throws IOException {
        try {
            return reader.readEntry();
        } catch (com.unboundid.ldif.LDIFException e) {
            throw new IOException(e);
        }
    }

    private static void add(LDAPConnection admin, String[] definitions, String attribute) throws LDAPException {
        if (definitions == null) {
            return;
        }
        for (String definition : definitions) {
            admin.modify("cn=schema", new Modification(ModificationType.ADD, attribute,
                    definition.replaceFirst("^\\{\\d+}\\s*", "")));
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
        service.shutdown();
    }
}
