package dev.authbridge.directory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.io.File;
import java.net.InetSocketAddress;
import java.util.UUID;
import org.apache.directory.server.core.DefaultDirectoryService;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.directory.server.core.api.InterceptorEnum;
import org.apache.directory.server.core.api.partition.Partition;
import org.apache.directory.server.core.authn.AuthenticationInterceptor;
import org.apache.directory.server.core.authn.ppolicy.PpolicyConfigContainer;
import org.apache.directory.server.core.factory.AvlPartitionFactory;
import org.apache.directory.server.core.factory.DefaultDirectoryServiceFactory;
import org.apache.directory.server.ldap.LdapServer;
import org.apache.directory.server.ldap.handlers.extended.PwdModifyHandler;
import org.apache.directory.server.protocol.shared.transport.TcpTransport;
import org.slf4j.LoggerFactory;

/**
 * ApacheDS for tests, a second, independent LDAP server: in memory (AVL partition), listening on
 * 127.0.0.1, loaded with the demo directory, answering Password Modify (RFC 3062).
 *
 * <p>ApacheDS does not know the authbridge schema. It is added the standard way, over LDAP, as
 * the server's administrator: the definitions from {@code ldif/00-authbridge-schema.ldif} are
 * added as {@code attributeTypes}/{@code objectClasses} values of the subschema subentry
 * ({@code cn=schema}, RFC 4512 §4.2), which ApacheDS stores in its meta-schema (schema
 * {@code other}). Then the demo entries are added over LDAP too.
 */
final class ApacheDsServer implements AutoCloseable {

    static final String ADMIN_DN = "uid=admin,ou=system";
    static final String ADMIN_PASSWORD = "secret";

    private final DirectoryService service;
    /** 0 until the first listener binds; then the port every restart binds again. */
    private int port;
    private LdapServer ldapServer;

    private ApacheDsServer(DirectoryService service) {
        this.service = service;
    }

    /** Starts the server; {@code policies}, when not null, become its password policies. */
    static ApacheDsServer start(PolicySetup policies) throws Exception {
        ((Logger) LoggerFactory.getLogger("org.apache.directory")).setLevel(Level.WARN);
        ((Logger) LoggerFactory.getLogger("org.apache.mina")).setLevel(Level.WARN);
        DefaultDirectoryServiceFactory factory =
                new DefaultDirectoryServiceFactory(new DefaultDirectoryService(), new AvlPartitionFactory());
        factory.init("authbridge-directory-" + UUID.randomUUID());
        DirectoryService service = factory.getDirectoryService();
        service.setShutdownHookEnabled(false);
        service.getChangeLog().setEnabled(false);
        Partition partition = factory.getPartitionFactory().createPartition(
                service.getSchemaManager(), service.getDnFactory(), "example", DemoFixtures.BASE_DN,
                100, new File(service.getInstanceLayout().getPartitionsDirectory(), "example"));
        service.addPartition(partition);
        if (policies != null) {
            PpolicyConfigContainer container = new PpolicyConfigContainer();
            policies.addTo(container, service);
            AuthenticationInterceptor authn = (AuthenticationInterceptor) service.getInterceptor(
                    InterceptorEnum.AUTHENTICATION_INTERCEPTOR.getName());
            authn.setPwdPolicies(container);
            // Set after the interceptor's init, which loads these only when policies exist then.
            authn.loadPwdPolicyStateAttributeTypes();
        }
        ApacheDsServer server = new ApacheDsServer(service);
        server.listen();
        server.loadDemo();
        return server;
    }

    /** Adds the password policies to ApacheDS's container (ApacheDS needs a default one). */
    interface PolicySetup {
        void addTo(PpolicyConfigContainer container, DirectoryService service) throws Exception;
    }

    int port() {
        return port;
    }

    String url() {
        return "ldap://127.0.0.1:" + port;
    }

    DirectoryService service() {
        return service;
    }

    LDAPConnection connectAdmin() throws Exception {
        return new LDAPConnection("127.0.0.1", port, ADMIN_DN, ADMIN_PASSWORD);
    }

    /** Listens on {@link #port}; the first time on port 0, reading back the one bound. */
    private void listen() throws Exception {
        LdapServer server = new LdapServer();
        server.setDirectoryService(service);
        TcpTransport transport = new TcpTransport("127.0.0.1", port);
        server.setTransports(transport);
        server.addExtendedOperationHandler(new PwdModifyHandler());
        server.start();
        port = ((InetSocketAddress) transport.getAcceptor().getLocalAddress()).getPort();
        ldapServer = server;
    }

    private void loadDemo() throws Exception {
        SchemaLdif ldif = SchemaLdif.read(DemoFixtures.ldifFiles());
        try (LDAPConnection admin = connectAdmin()) {
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

    void stopListening() {
        ldapServer.stop();
    }

    /**
     * A restarted listener on the same port. The old acceptor releases the port
     * asynchronously, so binding it again is retried for a moment.
     */
    void resumeListening() throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                listen();
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (ldapServer != null) {
            ldapServer.stop();
        }
        service.shutdown();
    }
}
