package dev.authbridge.directory;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10ResponseControl;
import dev.authbridge.config.Secret;

/**
 * What a bind as a user said, read from its result code, the password-policy control and Active
 * Directory's sub-codes. An answer that is not about the credentials (busy, timeout, TLS
 * required…) is {@link DirectoryUnavailableException}, so an outage never reads as a wrong
 * password.
 */
sealed interface BindOutcome {

    /** The password is right and the account may sign in; {@code warning} may be null. */
    record Accepted(PasswordWarning warning) implements BindOutcome {}

    /**
     * The directory showed the password to be right, and the account may not sign in as it is.
     *
     * @param bound whether the connection is authenticated all the same (OpenLDAP and ApacheDS
     *     let a user whose password was reset bind, to change it and nothing else)
     */
    record Restricted(PasswordReason state, boolean bound) implements BindOutcome {}

    /** Wrong name or password, or a state told whatever the password. */
    record Refused(RejectReason reason) implements BindOutcome {}

    /** A simple bind asking for the password-policy control. */
    static BindRequest request(String dn, Secret password) {
        return new SimpleBindRequest(dn, password.reveal(), PasswordPolicyControl.REQUEST);
    }

    /**
     * Classifies a bind's result (the {@link com.unboundid.ldap.sdk.BindResult}, or the result of
     * the {@link com.unboundid.ldap.sdk.LDAPException} it threw).
     *
     * @throws DirectoryUnavailableException when the result is not about the credentials
     */
    static BindOutcome of(LDAPResult result) {
        DraftBeheraLDAPPasswordPolicy10ResponseControl control = PasswordPolicyControl.of(result);
        PasswordReason error = PasswordPolicyControl.error(control);
        if (result.getResultCode() == ResultCode.SUCCESS) {
            // draft-behera §8.1.2.1: a reset password binds, and everything but the change is refused.
            if (error == PasswordReason.CHANGE_AFTER_RESET) {
                return new Restricted(PasswordReason.CHANGE_AFTER_RESET, true);
            }
            return new Accepted(PasswordPolicyControl.warning(control));
        }
        if (!LdapFailures.isCredentialRefusal(result.getResultCode())) {
            throw LdapFailures.unavailable("checking a password", result.getResultCode());
        }
        ActiveDirectoryCodes.BindCode ad = ActiveDirectoryCodes.bindCode(result.getDiagnosticMessage());
        if (ad.provenState != null) {
            return new Restricted(ad.provenState, false);
        }
        if (ad == ActiveDirectoryCodes.BindCode.LOCKED_UNPROVEN) {
            // Active Directory says so whatever the password.
            return new Refused(RejectReason.LOCKED_IN_DIRECTORY);
        }
        // OpenLDAP and ApacheDS send passwordExpired only once the password matched; OpenLDAP
        // (olcPPolicyUseLockout) sends accountLocked whatever the password, so a lock is never told.
        if (error == PasswordReason.PASSWORD_EXPIRED) {
            return new Restricted(PasswordReason.PASSWORD_EXPIRED, false);
        }
        if (error == PasswordReason.ACCOUNT_LOCKED) {
            return new Refused(RejectReason.LOCKED_IN_DIRECTORY);
        }
        return new Refused(RejectReason.WRONG_PASSWORD);
    }
}
