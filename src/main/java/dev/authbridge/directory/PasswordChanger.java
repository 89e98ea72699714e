package dev.authbridge.directory;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedRequest;
import dev.authbridge.config.PasswordChangeStrategy;
import dev.authbridge.config.Secret;
import dev.authbridge.directory.PasswordChangeResult.Changed;
import dev.authbridge.directory.PasswordChangeResult.Refused;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes a user's password in the directory, as the user: bind with the old password (with
 * the password-policy control), then change it on that same connection with the strategy the
 * directory needs. The connection is closed afterwards, never returned to a pool: it is bound
 * as the user, and OpenLDAP may have restricted it to the change.
 *
 * <p>Results are checked explicitly (an extended operation does not throw on refusal) and
 * read in one vocabulary ({@link PasswordReason}). Nothing here ever logs or wraps an LDAP
 * exception of a change: the SDK quotes the request in its messages, and ApacheDS echoes the
 * modification, password values included, in its diagnostic message.
 */
final class PasswordChanger {
    private static final Logger log = LoggerFactory.getLogger(PasswordChanger.class);

    /** RFC 3062 is advertised as this {@code supportedExtension}. */
    static final String PASSWORD_MODIFY_OID = PasswordModifyExtendedRequest.PASSWORD_MODIFY_REQUEST_OID;
    /** {@code LDAP_CAP_ACTIVE_DIRECTORY_OID} in {@code supportedCapabilities} (MS-ADTS 3.1.1.3.4.3). */
    static final String ACTIVE_DIRECTORY_OID = "1.2.840.113556.1.4.800";

    private final LdapPools pools;
    private final PasswordChangeStrategy configured;
    private final boolean encrypted;
    private final boolean serviceAccount;
    private final int timeLimitSeconds;
    private volatile PasswordChangeStrategy detected;

    PasswordChanger(LdapPools pools, PasswordChangeStrategy configured, boolean encrypted,
            boolean serviceAccount, int timeLimitSeconds) {
        this.pools = pools;
        this.configured = configured;
        this.encrypted = encrypted;
        this.serviceAccount = serviceAccount;
        this.timeLimitSeconds = timeLimitSeconds;
    }

    /**
     * Changes the password of the entry {@code dn}, checked by {@code oldPassword}.
     *
     * @param userId the entry's stable id, handed back in {@link Changed}
     * @throws DirectoryUnavailableException when the directory cannot answer
     */
    PasswordChangeResult change(String dn, String userId, Secret oldPassword, Secret newPassword) {
        PasswordChangeStrategy strategy = strategy();
        if (strategy == PasswordChangeStrategy.ACTIVE_DIRECTORY && !encrypted) {
            log.error("Active Directory changes passwords only over an encrypted connection:"
                    + " set directory.tls to ldaps or starttls");
            throw new DirectoryUnavailableException(
                    "password change refused: Active Directory needs directory.tls", null);
        }
        LDAPConnection connection = checkout(pools.bind());
        try {
            BindOutcome bound = bind(connection, dn, oldPassword);
            PasswordWarning warning = null;
            if (bound instanceof BindOutcome.Refused refused) {
                log.info("password change refused for {}: {}", dn, refused.reason());
                return new Refused(PasswordReason.WRONG_OLD_PASSWORD);
            }
            if (bound instanceof BindOutcome.Restricted restricted && !restricted.bound()) {
                if (strategy == PasswordChangeStrategy.ACTIVE_DIRECTORY
                        && restricted.state().mustChangePassword() && serviceAccount) {
                    return changeAsServiceAccount(dn, userId, oldPassword, newPassword);
                }
                return new Refused(restricted.state());
            }
            if (bound instanceof BindOutcome.Accepted accepted) {
                warning = accepted.warning();
            }
            // else: bound only to change a reset password, which is what we do next
            pools.bind().renewDeadline(connection);
            PasswordChangeResult result = apply(strategy, connection, dn, userId, oldPassword, newPassword);
            if (result instanceof Refused refused && warning != null) {
                return new Refused(refused.reason(), warning);
            }
            return result;
        } finally {
            pools.bind().discardConnection(connection);
        }
    }

    /** The configured strategy, or the one the root DSE calls for (read once, then kept). */
    PasswordChangeStrategy strategy() {
        if (configured != PasswordChangeStrategy.AUTO) {
            return configured;
        }
        PasswordChangeStrategy known = detected;
        if (known != null) {
            return known;
        }
        SearchRequest request = new SearchRequest("", SearchScope.BASE, DereferencePolicy.NEVER, 1,
                timeLimitSeconds, false, Filter.createPresenceFilter("objectClass"),
                "supportedExtension", "supportedCapabilities", "vendorName");
        List<SearchResultEntry> entries;
        try {
            entries = pools.search().search(request).getSearchEntries();
        } catch (LDAPException e) {
            throw LdapFailures.unavailable("reading the root DSE", e);
        }
        if (entries.isEmpty()) {
            // A root DSE we may not read: the plain modify works on every LDAP server.
            return PasswordChangeStrategy.MODIFY;
        }
        known = detect(entries.get(0));
        detected = known;
        log.info("password changes: {} (from the directory's root DSE)", known.configName());
        return known;
    }

    static PasswordChangeStrategy detect(com.unboundid.ldap.sdk.Entry rootDse) {
        if (rootDse.hasAttributeValue("supportedCapabilities", ACTIVE_DIRECTORY_OID)) {
            return PasswordChangeStrategy.ACTIVE_DIRECTORY;
        }
        // ApacheDS (2.0.0.AM27) advertises Password Modify, but drops the connection instead of
        // answering a refusal to one carrying the password-policy control, and takes the delete
        // of the old value (which Password Modify also makes) for the removal of the password:
        // it forgets the history. A replace, after the bind that proved the old password, keeps it.
        String vendor = rootDse.getAttributeValue("vendorName");
        if (vendor != null && vendor.startsWith("Apache Software Foundation")) {
            return PasswordChangeStrategy.REPLACE;
        }
        if (rootDse.hasAttributeValue("supportedExtension", PASSWORD_MODIFY_OID)) {
            return PasswordChangeStrategy.PASSWORD_MODIFY;
        }
        return PasswordChangeStrategy.MODIFY;
    }

    private static BindOutcome bind(LDAPConnection connection, String dn, Secret password) {
        try {
            return BindOutcome.of(connection.bind(BindOutcome.request(dn, password)));
        } catch (LDAPException e) {
            return BindOutcome.of(e.toLDAPResult());
        }
    }

    private PasswordChangeResult apply(PasswordChangeStrategy strategy, LDAPConnection connection,
            String dn, String userId, Secret oldPassword, Secret newPassword) {
        try {
            LDAPResult result = switch (strategy) {
                // No userIdentity (RFC 3062 §2): the bound user's own password, nobody else's.
                case PASSWORD_MODIFY -> connection.processExtendedOperation(new PasswordModifyExtendedRequest(
                        (String) null, oldPassword.reveal(), newPassword.reveal(),
                        new Control[] {PasswordPolicyControl.REQUEST}));
                case MODIFY -> connection.modify(new ModifyRequest(dn, List.of(
                        new Modification(ModificationType.DELETE, "userPassword", oldPassword.reveal()),
                        new Modification(ModificationType.ADD, "userPassword", newPassword.reveal())),
                        new Control[] {PasswordPolicyControl.REQUEST}));
                case REPLACE -> connection.modify(new ModifyRequest(dn, List.of(
                        new Modification(ModificationType.REPLACE, "userPassword", newPassword.reveal())),
                        new Control[] {PasswordPolicyControl.REQUEST}));
                case ACTIVE_DIRECTORY -> connection.modify(unicodePwdChange(dn, oldPassword, newPassword));
                case AUTO -> throw new IllegalStateException("strategy not resolved");
            };
            return outcome(result, dn, userId);
        } catch (LDAPException e) {
            return outcome(e.toLDAPResult(), dn, userId);
        }
    }

    /**
     * Active Directory will not let a user whose password expired or must be changed bind, but
     * grants every authenticated account the right to change a password it knows the old value
     * of ("User-Change-Password", MS-ADTS 3.1.1.3.1.5.2): a delete/add of {@code unicodePwd},
     * still checked against the old password, the history and the policy. Only used after the
     * user's own bind said 532 or 773, which Active Directory says only for the right password.
     */
    private PasswordChangeResult changeAsServiceAccount(String dn, String userId, Secret oldPassword,
            Secret newPassword) {
        DeadlinePool pool = pools.search();
        LDAPConnection connection = checkout(pool);
        boolean healthy = false;
        try {
            PasswordChangeResult result;
            try {
                result = outcome(connection.modify(unicodePwdChange(dn, oldPassword, newPassword)), dn, userId);
            } catch (LDAPException e) {
                result = outcome(e.toLDAPResult(), dn, userId);
            }
            healthy = true;
            return result;
        } finally {
            if (healthy) {
                pool.releaseConnection(connection);
            } else {
                pool.releaseDefunctConnection(connection);
            }
        }
    }

    /** A {@code unicodePwd} value is the password in double quotes, UTF-16LE (MS-ADTS 3.1.1.3.1.5). */
    static ModifyRequest unicodePwdChange(String dn, Secret oldPassword, Secret newPassword) {
        return new ModifyRequest(dn,
                new Modification(ModificationType.DELETE, "unicodePwd", unicodePwd(oldPassword)),
                new Modification(ModificationType.ADD, "unicodePwd", unicodePwd(newPassword)));
    }

    static byte[] unicodePwd(Secret password) {
        return ("\"" + password.reveal() + "\"").getBytes(StandardCharsets.UTF_16LE);
    }

    /** Reads a change's result: made, refused with a reason, or (anything else) an outage. */
    private PasswordChangeResult outcome(LDAPResult result, String dn, String userId) {
        if (result.getResultCode() == ResultCode.SUCCESS) {
            log.info("password changed for {}", dn);
            return new Changed(dn, userId);
        }
        PasswordReason reason = PasswordPolicyControl.error(PasswordPolicyControl.of(result));
        if (reason == null) {
            reason = ActiveDirectoryCodes.changeRefusal(result.getDiagnosticMessage());
        }
        if (reason == null && ActiveDirectoryCodes.isUnencryptedRefusal(result.getDiagnosticMessage())) {
            log.error("the directory refuses password changes over this connection: set directory.tls");
        } else if (reason == null) {
            reason = byResultCode(result.getResultCode());
        }
        if (reason == null) {
            throw LdapFailures.unavailable("changing a password", result.getResultCode());
        }
        log.info("password change refused for {}: {} ({})", dn, reason, result.getResultCode());
        return new Refused(reason);
    }

    /** A refusal without a control or an Active Directory code says only this much. */
    static PasswordReason byResultCode(ResultCode code) {
        if (code == ResultCode.CONSTRAINT_VIOLATION || code == ResultCode.INVALID_ATTRIBUTE_SYNTAX) {
            return PasswordReason.PASSWORD_POLICY_VIOLATION;
        }
        if (code == ResultCode.INVALID_CREDENTIALS || code == ResultCode.NO_SUCH_ATTRIBUTE) {
            // NO_SUCH_ATTRIBUTE: the old value to delete is not there (RFC 4511 §4.6).
            return PasswordReason.WRONG_OLD_PASSWORD;
        }
        if (code == ResultCode.INSUFFICIENT_ACCESS_RIGHTS || code == ResultCode.UNWILLING_TO_PERFORM) {
            return PasswordReason.PASSWORD_MOD_NOT_ALLOWED;
        }
        return null;
    }

    private static LDAPConnection checkout(DeadlinePool pool) {
        try {
            return pool.getConnection();
        } catch (LDAPException e) {
            throw LdapFailures.unavailable("connecting to change a password", e);
        }
    }
}
