package dev.authbridge.directory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.authbridge.config.DirectoryConfig;
import java.io.File;
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
 * The directory contract against ApacheDS, a second, independent LDAP server: in memory (AVL
 * partition), listening on 127.0.0.1.
 *
 * <p>ApacheDS does not know the authbridge schema. It is added the standard way, over LDAP, as
 * the server's administrator: the definitions from {@code ldif/00-authbridge-schema.ldif} are
 * added as {@code attributeTypes}/{@code objectClasses} values of the subschema subentry
 * ({@code cn=schema}, RFC 4512 §4.2), which ApacheDS stores in its meta-schema (schema
 * {@code other}). Then the demo entries are added over LDAP too.
 */
class ApacheDsDirectoryTest extends DirectoryContract {

    private static final String ADMIN_DN = "uid=admin,ou=system";
    private static final String ADMIN_PASSWORD = "secret";

    private DirectoryService service;
    private LdapServer ldapServer;
    private int port;

    @Override
    protected DirectoryConfig startDirectory() throws Exception {
        ((Logger) LoggerFactory.getLogger("org.apache.directory")).setLevel(Level.WARN);
        ((Logger) LoggerFactory.getLogger("org.apache.mina")).setLevel(Level.WARN);
        DefaultDirectoryServiceFactory factory =
                new DefaultDirectoryServiceFactory(new DefaultDirectoryService(), new AvlPartitionFactory());
        factory.init("authbridge-directory-" + UUID.randomUUID());
        service = factory.getDirectoryService();
        service.setShutdownHookEnabled(false);
        service.getChangeLog().setEnabled(false);
        Partition partition = factory.getPartitionFactory().createPartition(
                service.getSchemaManager(), service.getDnFactory(), "example", DemoFixtures.BASE_DN,
                100, new File(service.getInstanceLayout().getPartitionsDirectory(), "example"));
        service.addPartition(partition);

        port = DemoFixtures.freePort();
        ldapServer = new LdapServer();
        ldapServer.setDirectoryService(service);
        ldapServer.setTransports(new TcpTransport("127.0.0.1", port));
        ldapServer.start();
        loadDemo();
        return DemoFixtures.config("ldap://127.0.0.1:" + port);
    }

    private void loadDemo() throws Exception {
        SchemaLdif ldif = SchemaLdif.read(DemoFixtures.ldifFiles());
        try (LDAPConnection admin = new LDAPConnection("127.0.0.1", port, ADMIN_DN, ADMIN_PASSWORD)) {
            for (String attributeType : ldif.attributeTypes()) {
                admin.modify("cn=schema",
                        new Modification(ModificationType.ADD, "attributeTypes", attributeType));
            }
            for (String objectClass : ldif.objectClasses()) {
                admin.modify("cn=schema",
                        new Modification(ModificationType.ADD, "objectClasses", objectClass));
            }
            for (Entry entry : ldif.entries()) {
                admin.add(entry);
            }
        }
    }

    @Override
    protected void stopDirectory() throws Exception {
        if (ldapServer != null) {
            ldapServer.stop();
        }
        if (service != null) {
            service.shutdown();
        }
    }

    @Override
    protected void stopListening() {
        ldapServer.stop();
    }

    /**
     * A restarted listener on the same port. The old acceptor releases the port
     * asynchronously, so binding it again is retried for a moment.
     */
    @Override
    protected void resumeListening() throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            LdapServer restarted = new LdapServer();
            restarted.setDirectoryService(service);
            restarted.setTransports(new TcpTransport("127.0.0.1", port));
            try {
                restarted.start();
                ldapServer = restarted;
                return;
            } catch (Exception e) {
                restarted.stop();
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
