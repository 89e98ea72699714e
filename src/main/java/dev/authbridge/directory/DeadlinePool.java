package dev.authbridge.directory;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPConnectionPoolStatistics;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * An {@link LDAPConnectionPool} whose every use fits in the caller's {@link DirectoryDeadline}.
 *
 * <p>The pool itself never waits ({@code maxWaitTime} 0, connections created on demand): the
 * wait for a connection is a permit of this class's own, at most {@code poolSize} out at once,
 * taken within what remains of the deadline minus {@code connectTimeout} (a new connection may
 * need all of that to connect). A new connection's StartTLS and service bind take what then
 * remains ({@link DeadlineConnect}); a checked-out connection answers each operation within
 * {@code responseTimeout} or what remains, whichever is shorter. An operation that fails on a
 * dead connection is retried once on a new one, within the same deadline.
 *
 * <p>Every connection handed out must come back through {@link #releaseConnection},
 * {@link #releaseDefunctConnection} or {@link #discardConnection}: that returns its permit.
 */
final class DeadlinePool implements AutoCloseable {
    private final LDAPConnectionPool pool;
    private final Semaphore permits;
    private final Duration budget;
    private final long connectMillis;
    private final long responseMillis;

    DeadlinePool(LDAPConnectionPool pool, int size, Duration connectTimeout, Duration responseTimeout) {
        this.pool = pool;
        this.permits = new Semaphore(size, true);
        this.budget = connectTimeout.plus(responseTimeout);
        this.connectMillis = connectTimeout.toMillis();
        this.responseMillis = responseTimeout.toMillis();
        pool.setMaxWaitTimeMillis(0);
    }

    /** A connection, its operations bounded by the deadline (a new one when none runs). */
    LDAPConnection getConnection() throws LDAPException {
        return DirectoryDeadline.within(budget, this::checkout);
    }

    /** Searches on a pooled connection; a dead connection is replaced and the search tried once more. */
    SearchResult search(SearchRequest request) throws LDAPException {
        return DirectoryDeadline.within(budget, () -> retriedOnce(connection -> connection.search(request)));
    }

    /** The root DSE, as {@link #search} does it; null when the server shows none. */
    RootDSE getRootDSE() throws LDAPException {
        return DirectoryDeadline.within(budget, () -> retriedOnce(RootDSE::getRootDSE));
    }

    /**
     * For a second operation on a checked-out connection (a password change after its bind):
     * it gets what remains of the deadline now, not what remained at checkout.
     */
    void renewDeadline(LDAPConnection connection) {
        try {
            boundResponses(connection, responseMillis);
        } catch (LDAPException e) {
            // nothing left: the operation gets 1 ms and times out, as the deadline says
            LDAPConnectionOptions options = connection.getConnectionOptions().duplicate();
            options.setResponseTimeoutMillis(1);
            connection.setConnectionOptions(options);
        }
    }

    void releaseConnection(LDAPConnection connection) {
        pool.releaseConnection(connection);
        permits.release();
    }

    void releaseDefunctConnection(LDAPConnection connection) {
        pool.releaseDefunctConnection(connection);
        permits.release();
    }

    void discardConnection(LDAPConnection connection) {
        pool.discardConnection(connection);
        permits.release();
    }

    LDAPConnectionPoolStatistics getConnectionPoolStatistics() {
        return pool.getConnectionPoolStatistics();
    }

    @Override
    public void close() {
        pool.close();
    }

    private interface Operation<T> {
        T on(LDAPConnection connection) throws LDAPException;
    }

    private <T> T retriedOnce(Operation<T> operation) throws LDAPException {
        for (int attempt = 0; ; attempt++) {
            LDAPConnection connection = checkout();
            try {
                T result = operation.on(connection);
                releaseConnection(connection);
                return result;
            } catch (LDAPException e) {
                if (ResultCode.isConnectionUsable(e.getResultCode())) {
                    releaseConnection(connection);
                    throw e;
                }
                releaseDefunctConnection(connection);
                if (attempt > 0 || e.getResultCode() == ResultCode.TIMEOUT) {
                    throw e; // a server that did not answer in time will not answer a retry in less
                }
            }
        }
    }

    private LDAPConnection checkout() throws LDAPException {
        long wait = Math.max(0, DirectoryDeadline.remainingMillis(budget.toMillis()) - connectMillis);
        try {
            if (!permits.tryAcquire(wait, TimeUnit.MILLISECONDS)) {
                throw new LDAPException(ResultCode.TIMEOUT, "no directory connection free within the deadline");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LDAPException(ResultCode.TIMEOUT, "interrupted while waiting for a directory connection");
        }
        LDAPConnection connection;
        try {
            connection = pool.getConnection();
        } catch (LDAPException | RuntimeException e) {
            permits.release();
            throw e;
        }
        try {
            boundResponses(connection, responseMillis);
            return connection;
        } catch (LDAPException | RuntimeException e) {
            // A new connection's set-up may have used the rest of the deadline: it is sound, and goes back.
            releaseConnection(connection);
            throw e;
        }
    }

    /**
     * Gives the connection's next operations {@code responseTimeout} or what remains of the
     * deadline, whichever is shorter (0 would mean no timeout at all: never less than 1 ms).
     */
    static void boundResponses(LDAPConnection connection, long responseMillis) throws LDAPException {
        long timeout = Math.max(1, Math.min(responseMillis, DirectoryDeadline.remainingMillis(responseMillis)));
        LDAPConnectionOptions options = connection.getConnectionOptions();
        if (options.getResponseTimeoutMillis() != timeout) {
            options = options.duplicate();
            options.setResponseTimeoutMillis(timeout);
            connection.setConnectionOptions(options);
        }
    }
}
