package dev.authbridge.directory;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedCompareRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedDeleteRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedExtendedRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyDNRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSASLBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindResult;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ReadOnlyLDAPRequest;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedRequest;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what on the embedded demo directory. It listens on loopback, where every local user
 * and process can connect, so it serves what authbridge needs and nothing more:
 *
 * <ul>
 *   <li>anyone: a simple bind;
 *   <li>the service account ({@code directory.bindDn}): searches (users, groups, the root DSE);
 *   <li>any other user bound as itself: its own password change — Password Modify (RFC 3062)
 *       naming no other user, with the old and the new password, or a modify of its own entry
 *       that touches {@code userPassword} only;
 *   <li>administrators ({@code directory.embedded.administrators}, none by default): every
 *       operation, to load LDIF with {@code seed}.
 * </ul>
 *
 * <p>For everyone, administrators included: {@code userPassword} is never returned (whatever the
 * requested attributes: {@code *}, {@code +}, by name or OID), never tested by a filter or a
 * compare (an oracle gives the value away), and a request may carry only the controls authbridge
 * sends — the SDK's server honours a control that marks a request "internal", which would skip
 * its own checks, and pre-read, post-read or sort controls would read or order by a password.
 *
 * <p>The identity of a connection is what its last simple bind proved; it is remembered by
 * connection id. Ids of closed connections are forgotten oldest first beyond a bound: forgetting
 * a live one only makes it anonymous, which can never grant more.
 */
final class EmbeddedDirectoryAccess extends InMemoryOperationInterceptor {
    /** The password-policy control (every user bind and change) and paged results ({@code check}). */
    private static final Set<String> ALLOWED_CONTROLS =
            Set.of(PasswordPolicyControl.REQUEST.getOID(), SimplePagedResultsControl.PAGED_RESULTS_OID);
    private static final int REMEMBERED_CONNECTIONS = 10_000;

    private enum Role { ANONYMOUS, SERVICE, USER, ADMINISTRATOR }

    private record Identity(Role role, DN dn) {
        static final Identity ANONYMOUS = new Identity(Role.ANONYMOUS, DN.NULL_DN);
    }

    private final DN serviceDn;
    private final Set<DN> administrators;
    private final PasswordAttributes passwords;
    private final Map<Long, Identity> identities = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Identity> eldest) {
                    return size() > REMEMBERED_CONNECTIONS;
                }
            });

    EmbeddedDirectoryAccess(DN serviceDn, Set<DN> administrators, Schema schema) {
        this.serviceDn = serviceDn;
        this.administrators = Set.copyOf(administrators);
        this.passwords = new PasswordAttributes(schema);
    }

    @Override
    public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest request) throws LDAPException {
        // A bind request ends the connection's previous authentication, whatever its outcome.
        identities.remove(request.getConnectionID());
        allowedControls(request.getRequest());
    }

    @Override
    public void processSimpleBindResult(InMemoryInterceptedSimpleBindResult result) {
        if (result.getResult().getResultCode() != ResultCode.SUCCESS
                || result.getRequest().getPassword().getValueLength() == 0) {
            return; // refused, or an anonymous or unauthenticated bind (RFC 4513 §5.1)
        }
        try {
            DN dn = new DN(result.getRequest().getBindDN());
            identities.put(result.getConnectionID(), new Identity(roleOf(dn), dn));
        } catch (LDAPException e) {
            // the server accepted a DN we cannot parse: the connection stays anonymous
        }
    }

    @Override
    public void processSASLBindRequest(InMemoryInterceptedSASLBindRequest request) throws LDAPException {
        identities.remove(request.getConnectionID());
        throw refused(ResultCode.AUTH_METHOD_NOT_SUPPORTED, "only simple binds are accepted");
    }

    @Override
    public void processSearchRequest(InMemoryInterceptedSearchRequest request) throws LDAPException {
        require(request, Role.SERVICE, Role.ADMINISTRATOR);
        allowedControls(request.getRequest());
        if (passwords.testsPassword(request.getRequest().getFilter())) {
            throw refused(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "a filter may not test userPassword");
        }
    }

    @Override
    public void processSearchEntry(InMemoryInterceptedSearchEntry entry) {
        var original = entry.getSearchEntry();
        var stripped = passwords.withoutPasswords(original);
        if (stripped != original) {
            entry.setSearchEntry(stripped);
        }
    }

    @Override
    public void processCompareRequest(InMemoryInterceptedCompareRequest request) throws LDAPException {
        require(request, Role.SERVICE, Role.ADMINISTRATOR);
        allowedControls(request.getRequest());
        if (passwords.isPassword(request.getRequest().getAttributeName())) {
            throw refused(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "userPassword may not be compared");
        }
    }

    @Override
    public void processModifyRequest(InMemoryInterceptedModifyRequest request) throws LDAPException {
        Identity identity = require(request, Role.USER, Role.ADMINISTRATOR);
        allowedControls(request.getRequest());
        if (identity.role() == Role.ADMINISTRATOR) {
            return;
        }
        if (!identity.dn().equals(new DN(request.getRequest().getDN()))) {
            throw refused(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "a user may change its own entry only");
        }
        for (Modification modification : request.getRequest().getModifications()) {
            if (!passwords.isPassword(modification.getAttributeName())) {
                throw refused(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "a user may change its own password only");
            }
        }
    }

    @Override
    public void processExtendedRequest(InMemoryInterceptedExtendedRequest request) throws LDAPException {
        Identity identity = require(request, Role.USER, Role.ADMINISTRATOR);
        allowedControls(request.getRequest());
        if (identity.role() == Role.ADMINISTRATOR) {
            return;
        }
        if (!PasswordModifyExtendedRequest.PASSWORD_MODIFY_REQUEST_OID.equals(request.getRequest().getOID())) {
            throw refused(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "only Password Modify is accepted");
        }
        PasswordModifyExtendedRequest change = new PasswordModifyExtendedRequest(request.getRequest());
        if (change.getUserIdentity() != null && !identity.dn().equals(identityDn(change.getUserIdentity()))) {
            throw refused(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "a user may change its own password only");
        }
        if (change.getRawOldPassword() == null || change.getRawNewPassword() == null) {
            throw refused(ResultCode.UNWILLING_TO_PERFORM, "the old and the new password are required");
        }
    }

    @Override
    public void processAddRequest(InMemoryInterceptedAddRequest request) throws LDAPException {
        require(request, Role.ADMINISTRATOR);
        allowedControls(request.getRequest());
    }

    @Override
    public void processDeleteRequest(InMemoryInterceptedDeleteRequest request) throws LDAPException {
        require(request, Role.ADMINISTRATOR);
        allowedControls(request.getRequest());
    }

    @Override
    public void processModifyDNRequest(InMemoryInterceptedModifyDNRequest request) throws LDAPException {
        require(request, Role.ADMINISTRATOR);
        allowedControls(request.getRequest());
    }

    private Role roleOf(DN dn) {
        if (administrators.contains(dn)) {
            return Role.ADMINISTRATOR;
        }
        return dn.equals(serviceDn) ? Role.SERVICE : Role.USER;
    }

    private Identity require(InMemoryInterceptedRequest request, Role... allowed) throws LDAPException {
        Identity identity = identities.getOrDefault(request.getConnectionID(), Identity.ANONYMOUS);
        for (Role role : allowed) {
            if (identity.role() == role) {
                return identity;
            }
        }
        throw refused(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, identity.role() == Role.ANONYMOUS
                ? "bind first: anonymous clients may only bind"
                : "not allowed for this account");
    }

    private static void allowedControls(ReadOnlyLDAPRequest request) throws LDAPException {
        for (Control control : request.getControls()) {
            if (!ALLOWED_CONTROLS.contains(control.getOID())) {
                throw refused(ResultCode.UNAVAILABLE_CRITICAL_EXTENSION, "control " + control.getOID() + " is not accepted");
            }
        }
    }

    /** RFC 4513 §5.2.1.8 authzId: {@code dn:<DN>}, or a plain DN as the SDK's server takes it. */
    private static DN identityDn(String userIdentity) {
        String dn = userIdentity.regionMatches(true, 0, "dn:", 0, 3) ? userIdentity.substring(3) : userIdentity;
        try {
            return new DN(dn);
        } catch (LDAPException e) {
            return DN.NULL_DN;
        }
    }

    private static LDAPException refused(ResultCode code, String message) {
        return new LDAPException(code, "embedded directory: " + message);
    }
}
