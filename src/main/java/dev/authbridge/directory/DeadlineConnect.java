package dev.authbridge.directory;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.PostConnectProcessor;

/**
 * Runs first on every new pooled connection, before StartTLS (when configured) and the pool's
 * service-account bind: both then answer within what remains of the {@link DirectoryDeadline}
 * of the request that made the connection — not within a full response timeout of their own.
 */
final class DeadlineConnect implements PostConnectProcessor {
    private final PostConnectProcessor next;
    private final long responseMillis;

    /** @param next StartTLS, or null */
    DeadlineConnect(PostConnectProcessor next, long responseMillis) {
        this.next = next;
        this.responseMillis = responseMillis;
    }

    @Override
    public void processPreAuthenticatedConnection(LDAPConnection connection) throws LDAPException {
        DeadlinePool.boundResponses(connection, responseMillis);
        if (next != null) {
            next.processPreAuthenticatedConnection(connection);
        }
    }

    @Override
    public void processPostAuthenticatedConnection(LDAPConnection connection) throws LDAPException {
        if (next != null) {
            next.processPostAuthenticatedConnection(connection);
        }
    }
}
