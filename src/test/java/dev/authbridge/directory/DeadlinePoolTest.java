package dev.authbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SingleServerSet;
import dev.authbridge.testing.DirectoryLeaks;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadlinePoolTest {
    private InMemoryDirectoryServer server;

    @BeforeEach
    void start() throws LDAPException {
        server = new InMemoryDirectoryServer(new InMemoryDirectoryServerConfig("dc=example,dc=com"));
        server.startListening();
    }

    @AfterEach
    void stop() {
        server.shutDown(true);
    }

    @Test
    void connectionMadeJustPastTheDeadlineThenTimeoutAndTheConnectionBackInThePool() throws Exception {
        // A new connection whose set-up ends after the caller's deadline: nothing is left for
        // its first answer. It must go back to the pool, not stay checked out for ever.
        PostConnectProcessor slowSetUp = new PostConnectProcessor() {
            @Override
            public void processPreAuthenticatedConnection(LDAPConnection connection) {
            }

            @Override
            public void processPostAuthenticatedConnection(LDAPConnection connection) {
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        LDAPConnectionPool ldap = new LDAPConnectionPool(new SingleServerSet("127.0.0.1", server.getListenPort()),
                null, 0, 2, 1, slowSetUp, false);
        ldap.setCreateIfNecessary(true);
        try (DeadlinePool pool = new DeadlinePool(ldap, 2, Duration.ofMillis(50), Duration.ofMillis(50))) {
            LDAPException timeout = assertThrows(LDAPException.class, pool::getConnection);
            assertEquals(ResultCode.TIMEOUT, timeout.getResultCode());
            assertEquals(0, DirectoryLeaks.checkedOut(pool.getConnectionPoolStatistics()));
        }
    }
}
