package dev.authbridge.testing;

import com.unboundid.ldap.sdk.LDAPConnectionPoolStatistics;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import dev.authbridge.directory.LdapDirectory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The end-of-suite check for leaked directory connections, as UnboundID's own test base
 * ({@code LDAPSDKTestCase}) checks its connections at the end of its suite: every connection a
 * pool handed out has come back, and once the directory adapter is closed no connection to the
 * test's server is left open. A leak fails the suite, named in the message.
 *
 * <p>Each check waits a little for the condition, since a background health check holds a
 * connection for a moment and a closed socket leaves the kernel's table a moment later; a leak
 * stays.
 */
public final class DirectoryLeaks {
    /** Longer than a health check's root DSE read or a socket's close takes on a loaded machine. */
    public static final Duration SETTLE = Duration.ofSeconds(5);

    private DirectoryLeaks() {}

    /**
     * Connections the pool handed out and has not got back: every connection it opened and has not
     * closed (defunct, expired or unneeded) is either idle in it or out. Exact for a pool that
     * opened each of its connections itself, as {@code LdapPools} builds them (none handed in).
     */
    public static long checkedOut(LDAPConnectionPoolStatistics pool) {
        return pool.getNumSuccessfulConnectionAttempts() - pool.getNumConnectionsClosedDefunct()
                - pool.getNumConnectionsClosedExpired() - pool.getNumConnectionsClosedUnneeded()
                - pool.getNumAvailableConnections();
    }

    /**
     * Closes {@code directory}, checking first that its pools have every connection back and then
     * that nothing of it is left connected to the directories at {@code urls}; it is closed
     * whatever the first check found.
     */
    public static void closeChecked(String suite, LdapDirectory directory, List<String> urls) {
        try {
            assertReturned(suite, directory::poolStatistics);
        } finally {
            directory.close();
        }
        assertNoneOpen(suite, urls);
    }

    /** Fails unless, within {@link #SETTLE}, no pool has a connection checked out. */
    public static void assertReturned(String suite, Supplier<Map<String, LDAPConnectionPoolStatistics>> pools) {
        assertReturned(suite, pools, SETTLE);
    }

    static void assertReturned(String suite, Supplier<Map<String, LDAPConnectionPoolStatistics>> pools,
            Duration within) {
        if (!ServerProcesses.await(within, () -> pools.get().values().stream().allMatch(p -> checkedOut(p) == 0))) {
            List<String> out = new ArrayList<>();
            pools.get().forEach((name, stats) -> {
                if (checkedOut(stats) != 0) {
                    out.add("pool '" + name + "': " + checkedOut(stats) + " checked out (" + stats + ")");
                }
            });
            throw new AssertionError(suite + " leaked directory connections: " + String.join("; ", out));
        }
    }

    /**
     * Fails unless, within {@code within}, the connections open to the loopback directories at
     * {@code urls} are no more than {@code idle} says the pools hold unused: the rest are out.
     * Fewer is no leak: the pools count an idle connection the server has dropped until their
     * health check finds it dead.
     */
    public static void assertOnlyIdleOpen(String suite, List<String> urls, IntSupplier idle, Duration within) {
        List<Integer> ports = loopbackPorts(urls);
        if (ports.isEmpty()) {
            return;
        }
        if (!ServerProcesses.await(within, () -> open(ports) <= idle.getAsInt())) {
            int open = open(ports);
            int unused = idle.getAsInt();
            throw new AssertionError(suite + " leaked directory connections: " + open + " open to " + urls
                    + ", " + unused + " of them idle in the pools, " + (open - unused) + " still out");
        }
    }

    /** Fails unless, within {@link #SETTLE}, no connection to the loopback directories at {@code urls} is open. */
    public static void assertNoneOpen(String suite, List<String> urls) {
        assertNoneOpen(suite, urls, SETTLE);
    }

    static void assertNoneOpen(String suite, List<String> urls, Duration within) {
        List<Integer> ports = loopbackPorts(urls);
        if (!ServerProcesses.await(within, () -> open(ports) == 0)) {
            throw new AssertionError(suite + " left " + open(ports) + " connection(s) open to " + urls
                    + " after closing its directory");
        }
    }

    private static int open(List<Integer> ports) {
        return ports.stream().mapToInt(LoopbackConnections::establishedTo).sum();
    }

    /** The ports of the URLs on this machine: a remote directory's connections are not in our table. */
    private static List<Integer> loopbackPorts(List<String> urls) {
        List<Integer> ports = new ArrayList<>();
        for (String url : urls) {
            try {
                LDAPURL parsed = new LDAPURL(url);
                if (InetAddress.getByName(parsed.getHost()).isLoopbackAddress()) {
                    ports.add(parsed.getPort());
                }
            } catch (LDAPException | UnknownHostException e) {
                throw new IllegalArgumentException("not an LDAP URL on a known host: " + url, e);
            }
        }
        return ports;
    }
}
