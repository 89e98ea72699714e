package dev.authbridge.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import dev.authbridge.directory.EmbeddedDirectoryServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The leak checks find a connection a pool never got back, and one left open to a server. */
class DirectoryLeaksTest {
    private static final Duration SHORT = Duration.ofMillis(300);
    private static EmbeddedDirectoryServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedDirectoryServer.start(DemoDirectory.embedded(0));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void assertReturnedWhenConnectionNotReleasedThenFailsNamingSuiteAndPool() throws Exception {
        try (LDAPConnectionPool pool = pool()) {
            LDAPConnection out = pool.getConnection();
            pool.getConnection(); // a second one, created on demand, also kept
            assertEquals(2, DirectoryLeaks.checkedOut(pool.getConnectionPoolStatistics()));

            AssertionError leak = assertThrows(AssertionError.class, () -> DirectoryLeaks.assertReturned(
                    "SomeSuiteTest", () -> Map.of("search", pool.getConnectionPoolStatistics()), SHORT));
            assertTrue(leak.getMessage().startsWith("SomeSuiteTest leaked directory connections: pool 'search': 2"),
                    leak.getMessage());

            pool.releaseConnection(out);
            pool.releaseDefunctConnection(pool.getConnection());
            assertEquals(1, DirectoryLeaks.checkedOut(pool.getConnectionPoolStatistics()), "the second is still out");
        }
    }

    @Test
    void assertReturnedWhenEveryConnectionBackThenPasses() throws Exception {
        try (LDAPConnectionPool pool = pool()) {
            LDAPConnection first = pool.getConnection();
            LDAPConnection second = pool.getConnection();
            pool.releaseConnection(first);
            pool.releaseDefunctConnection(second);
            pool.discardConnection(pool.getConnection());

            assertDoesNotThrow(() -> DirectoryLeaks.assertReturned(
                    "SomeSuiteTest", () -> Map.of("bind", pool.getConnectionPoolStatistics()), SHORT));
        }
    }

    @Test
    void assertNoneOpenWhenConnectionLeftOpenThenFailsAndOnceClosedPasses() throws Exception {
        List<String> urls = List.of(server.ldapUrl());
        LDAPConnection left = connect();
        try {
            AssertionError leak = assertThrows(AssertionError.class,
                    () -> DirectoryLeaks.assertNoneOpen("SomeSuiteTest", urls, SHORT));
            assertTrue(leak.getMessage().startsWith("SomeSuiteTest left 1 connection(s) open to " + urls),
                    leak.getMessage());
        } finally {
            left.close();
        }
        assertDoesNotThrow(() -> DirectoryLeaks.assertNoneOpen("SomeSuiteTest", urls));
    }

    @Test
    void assertOnlyIdleOpenWhenMoreOpenThanIdleThenFails() throws Exception {
        List<String> urls = List.of(server.ldapUrl());
        try (LDAPConnection one = connect(); LDAPConnection two = connect()) {
            assertDoesNotThrow(() -> DirectoryLeaks.assertOnlyIdleOpen("SomeSuiteTest", urls, () -> 2, SHORT));
            AssertionError leak = assertThrows(AssertionError.class,
                    () -> DirectoryLeaks.assertOnlyIdleOpen("SomeSuiteTest", urls, () -> 1, SHORT));
            assertTrue(leak.getMessage().contains("2 open to " + urls + ", 1 of them idle in the pools, 1 still out"),
                    leak.getMessage());
        }
    }

    /** A pool as {@code LdapPools} builds them: empty at first, every connection its own. */
    private static LDAPConnectionPool pool() throws Exception {
        return new LDAPConnectionPool(new SingleServerSet("127.0.0.1", server.port()),
                new SimpleBindRequest(DemoDirectory.SERVICE_DN, DemoDirectory.SERVICE_PASSWORD), 0, 2);
    }

    private static LDAPConnection connect() throws Exception {
        return new LDAPConnection("127.0.0.1", server.port(), DemoDirectory.SERVICE_DN, DemoDirectory.SERVICE_PASSWORD);
    }
}
