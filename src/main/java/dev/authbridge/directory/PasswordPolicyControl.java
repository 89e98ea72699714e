package dev.authbridge.directory;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10ErrorType;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10RequestControl;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10ResponseControl;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10WarningType;
import java.time.Duration;

/**
 * The password-policy control of draft-behera-ldap-password-policy-10 (OID
 * 1.3.6.1.4.1.42.2.27.8.5.1), as OpenLDAP's ppolicy overlay and ApacheDS answer it. It is
 * requested, non-critical, on every user bind and password change: a server that does not know
 * it (Active Directory) ignores it.
 */
final class PasswordPolicyControl {

    /** Non-critical: servers without password policy must still answer the operation. */
    static final Control REQUEST = new DraftBeheraLDAPPasswordPolicy10RequestControl(false);

    private PasswordPolicyControl() {}

    /**
     * The response control of {@code result}, or {@code null} when there is none or it cannot
     * be decoded (a broken control must not turn an answer into an outage).
     */
    static DraftBeheraLDAPPasswordPolicy10ResponseControl of(LDAPResult result) {
        try {
            return DraftBeheraLDAPPasswordPolicy10ResponseControl.get(result);
        } catch (LDAPException e) {
            return null;
        }
    }

    /** The warning of the control, or {@code null}. */
    static PasswordWarning warning(DraftBeheraLDAPPasswordPolicy10ResponseControl control) {
        if (control == null || control.getWarningType() == null) {
            return null;
        }
        int value = Math.max(0, control.getWarningValue());
        return control.getWarningType() == DraftBeheraLDAPPasswordPolicy10WarningType.GRACE_LOGINS_REMAINING
                ? new PasswordWarning.GraceLoginsRemaining(value)
                : new PasswordWarning.ExpiresSoon(Duration.ofSeconds(value));
    }

    /** The error of the control in the one vocabulary, or {@code null}. */
    static PasswordReason error(DraftBeheraLDAPPasswordPolicy10ResponseControl control) {
        if (control == null || control.getErrorType() == null) {
            return null;
        }
        return reason(control.getErrorType());
    }

    static PasswordReason reason(DraftBeheraLDAPPasswordPolicy10ErrorType error) {
        return switch (error) {
            case PASSWORD_EXPIRED -> PasswordReason.PASSWORD_EXPIRED;
            case ACCOUNT_LOCKED -> PasswordReason.ACCOUNT_LOCKED;
            case CHANGE_AFTER_RESET -> PasswordReason.CHANGE_AFTER_RESET;
            case PASSWORD_MOD_NOT_ALLOWED -> PasswordReason.PASSWORD_MOD_NOT_ALLOWED;
            case MUST_SUPPLY_OLD_PASSWORD -> PasswordReason.MUST_SUPPLY_OLD_PASSWORD;
            case INSUFFICIENT_PASSWORD_QUALITY -> PasswordReason.INSUFFICIENT_QUALITY;
            case PASSWORD_TOO_SHORT -> PasswordReason.PASSWORD_TOO_SHORT;
            case PASSWORD_TOO_YOUNG -> PasswordReason.PASSWORD_TOO_YOUNG;
            case PASSWORD_IN_HISTORY -> PasswordReason.PASSWORD_IN_HISTORY;
        };
    }
}
