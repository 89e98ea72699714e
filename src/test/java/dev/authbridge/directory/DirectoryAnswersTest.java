package dev.authbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10ErrorType;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10ResponseControl;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10WarningType;
import dev.authbridge.config.PasswordChangeStrategy;
import dev.authbridge.directory.ActiveDirectoryCodes.BindCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * How directory answers are read, message by message: Active Directory's diagnostic messages
 * (as Windows and Samba word them), the draft-behera control, and the root DSEs that choose a
 * password-change strategy. The servers themselves are in the contract suites.
 */
class DirectoryAnswersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data 52e, v3839 | REFUSED",
            "80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data 525, v1db1 | REFUSED",
            "80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data 530, v3839 | LOGON_HOURS",
            "80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data 531, v3839 | WORKSTATION",
            "80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data 532, v3839 | PASSWORD_EXPIRED",
            "80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data 533, v3839 | DISABLED",
            "80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data 701, v3839 | ACCOUNT_EXPIRED",
            "80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data 773, v3839 | MUST_CHANGE",
            "80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data 775, v3839 | LOCKED_UNPROVEN",
            "80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data 999, v3839 | REFUSED",
            "INVALID_CREDENTIALS: Bind failed: ERR_229 Cannot authenticate user | REFUSED",
            "data 532 but no AcceptSecurityContext | REFUSED"})
    void bindCodeWhenDiagnosticMessageThenSubCodeRead(String message, BindCode expected) {
        assertEquals(expected, ActiveDirectoryCodes.bindCode(message));
    }

    @Test
    void bindCodeWhenNoMessageThenPlainRefusal() {
        assertEquals(BindCode.REFUSED, ActiveDirectoryCodes.bindCode(null));
    }

    /** Sub-codes AD sends only for the right password are states; 775 and 52e are not. */
    @Test
    void bindCodeWhenStateThenOnlyProvenOnesCarryIt() {
        assertEquals(PasswordReason.PASSWORD_EXPIRED, BindCode.PASSWORD_EXPIRED.provenState);
        assertEquals(PasswordReason.CHANGE_AFTER_RESET, BindCode.MUST_CHANGE.provenState);
        assertNull(BindCode.LOCKED_UNPROVEN.provenState);
        assertNull(BindCode.REFUSED.provenState);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // Windows: the code and the attribute, never which rule
            "'0000052D: AtrErr: DSID-03191083, #1:\n\t0: 0000052D: DSID-03191083, problem 1005 (CONSTRAINT_ATT_TYPE), data 0, Att 9005a (unicodePwd)\n' | PASSWORD_POLICY_VIOLATION",
            "'00000056: AtrErr: DSID-03190F00, #1:\n\t0: 00000056: DSID-03190F00, problem 1005 (CONSTRAINT_ATT_TYPE), data 0, Att 9005a (unicodePwd)\n' | WRONG_OLD_PASSWORD",
            // Samba names the rule
            "0000052D: Constraint violation - check_password_restrictions: the password is too short. It should be equal or longer than 7 characters! | PASSWORD_TOO_SHORT",
            "0000052D: Constraint violation - check_password_restrictions: the password does not meet the complexity criteria! | INSUFFICIENT_QUALITY",
            "0000052D: Constraint violation - check_password_restrictions: the password was already used (in history)! | PASSWORD_IN_HISTORY",
            "0000052D: Constraint violation - check_password_restrictions: the password was already used (previous password)! | PASSWORD_IN_HISTORY",
            "0000052D: Constraint violation - check_password_restrictions: password is too young to change! | PASSWORD_TOO_YOUNG",
            "0000052D: Constraint violation - check_password_restrictions: password changes disabled! | PASSWORD_MOD_NOT_ALLOWED",
            "0000052D: Constraint violation - check_password_restrictions: password can't be changed on this account! | PASSWORD_MOD_NOT_ALLOWED",
            "0000052D: Constraint violation - check_password_restrictions: the password doesn't fit due to a miscellaneous restriction! | PASSWORD_POLICY_VIOLATION",
            "00000056: Constraint violation - check_password_restrictions: The old password specified doesn't match! | WRONG_OLD_PASSWORD",
            "00000775: Password change not permitted, account locked out! at ../../source4/dsdb/samdb/ldb_modules/password_hash.c:3929:setup_io | ACCOUNT_LOCKED"})
    void changeRefusalWhenActiveDirectoryMessageThenReason(String message, PasswordReason expected) {
        assertEquals(expected, ActiveDirectoryCodes.changeRefusal(message));
    }

    @Test
    void changeRefusalWhenNotAnActiveDirectoryErrorThenNone() {
        assertNull(ActiveDirectoryCodes.changeRefusal(null));
        assertNull(ActiveDirectoryCodes.changeRefusal("Password fails quality checking policy"));
        assertNull(ActiveDirectoryCodes.changeRefusal("00002020: Operation unavailable without authentication"));
        assertEquals(true, ActiveDirectoryCodes.isUnencryptedRefusal(
                "0000001F: SvcErr: DSID-031A12D2, problem 5003 (WILL_NOT_PERFORM), data 0\n"));
        assertEquals(false, ActiveDirectoryCodes.isUnencryptedRefusal("0000052D: AtrErr"));
    }

    @ParameterizedTest
    @EnumSource(DraftBeheraLDAPPasswordPolicy10ErrorType.class)
    void policyErrorWhenAnyDraftBeheraErrorThenItsOwnReason(DraftBeheraLDAPPasswordPolicy10ErrorType error) {
        PasswordReason reason = PasswordPolicyControl.error(new DraftBeheraLDAPPasswordPolicy10ResponseControl(null, -1, error));

        String expected = switch (error) {
            case INSUFFICIENT_PASSWORD_QUALITY -> "INSUFFICIENT_QUALITY";
            default -> error.name();
        };
        assertEquals(expected, reason.name());
    }

    @Test
    void policyWarningWhenGraceOrExpiryThenTypedWarning() {
        assertEquals(new PasswordWarning.GraceLoginsRemaining(2), PasswordPolicyControl.warning(
                new DraftBeheraLDAPPasswordPolicy10ResponseControl(
                        DraftBeheraLDAPPasswordPolicy10WarningType.GRACE_LOGINS_REMAINING, 2, null)));
        assertEquals(new PasswordWarning.ExpiresSoon(Duration.ofSeconds(600)), PasswordPolicyControl.warning(
                new DraftBeheraLDAPPasswordPolicy10ResponseControl(
                        DraftBeheraLDAPPasswordPolicy10WarningType.TIME_BEFORE_EXPIRATION, 600, null)));
        assertNull(PasswordPolicyControl.warning(null));
    }

    /** A control a server got wrong (ApacheDS can send one) is no control, never an outage. */
    @Test
    void policyControlWhenUndecodableThenIgnored() {
        Control broken = new Control(DraftBeheraLDAPPasswordPolicy10ResponseControl.PASSWORD_POLICY_RESPONSE_OID, false,
                new com.unboundid.asn1.ASN1OctetString("not BER".getBytes(StandardCharsets.UTF_8)));
        LDAPResult result = new LDAPResult(1, ResultCode.CONSTRAINT_VIOLATION, null, null, null, new Control[] {broken});

        assertNull(PasswordPolicyControl.of(result));
        assertEquals(PasswordReason.PASSWORD_POLICY_VIOLATION, PasswordChanger.byResultCode(result.getResultCode()));
    }

    @Test
    void bindOutcomeWhenNotAboutCredentialsThenUnavailable() {
        for (ResultCode code : new ResultCode[] {ResultCode.BUSY, ResultCode.UNAVAILABLE, ResultCode.SERVER_DOWN,
                ResultCode.TIMEOUT, ResultCode.STRONG_AUTH_REQUIRED, ResultCode.OTHER}) {
            assertThrows(DirectoryUnavailableException.class,
                    () -> BindOutcome.of(new LDAPResult(1, code)), code.getName());
        }
        assertInstanceOf(BindOutcome.Refused.class, BindOutcome.of(new LDAPResult(1, ResultCode.INVALID_CREDENTIALS)));
    }

    @Test
    void byResultCodeWhenNoControlThenWhatTheCodeSaysOrNothing() {
        assertEquals(PasswordReason.WRONG_OLD_PASSWORD, PasswordChanger.byResultCode(ResultCode.NO_SUCH_ATTRIBUTE));
        assertEquals(PasswordReason.WRONG_OLD_PASSWORD, PasswordChanger.byResultCode(ResultCode.INVALID_CREDENTIALS));
        assertEquals(PasswordReason.PASSWORD_MOD_NOT_ALLOWED,
                PasswordChanger.byResultCode(ResultCode.INSUFFICIENT_ACCESS_RIGHTS));
        assertNull(PasswordChanger.byResultCode(ResultCode.BUSY));
        assertNull(PasswordChanger.byResultCode(ResultCode.SERVER_DOWN));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "supportedCapabilities: 1.2.840.113556.1.4.800 | supportedExtension: 1.3.6.1.4.1.4203.1.11.1 | ACTIVE_DIRECTORY",
            "vendorName: Apache Software Foundation | supportedExtension: 1.3.6.1.4.1.4203.1.11.1 | REPLACE",
            "vendorName: OpenLDAP | supportedExtension: 1.3.6.1.4.1.4203.1.11.1 | PASSWORD_MODIFY",
            "vendorName: 389 Project | supportedExtension: 1.3.6.1.4.1.1466.20037 | MODIFY"})
    void detectWhenRootDseThenStrategy(String first, String second, PasswordChangeStrategy expected) {
        Entry rootDse = new Entry("", new com.unboundid.ldap.sdk.Attribute[0]);
        for (String line : new String[] {first, second}) {
            int colon = line.indexOf(':');
            rootDse.addAttribute(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        assertEquals(expected, PasswordChanger.detect(rootDse));
    }

    @Test
    void unicodePwdWhenPasswordThenQuotedUtf16LittleEndian() {
        byte[] value = PasswordChanger.unicodePwd(new dev.authbridge.config.Secret("Pä\"ss"));

        assertEquals("\"Pä\"ss\"", new String(value, StandardCharsets.UTF_16LE));
        assertEquals(14, value.length);
    }
}
