package dev.authbridge.doctor;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RootDSE;
import dev.authbridge.config.DirectoryConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a directory's root DSE (RFC 4512 §5.1) says it can do, as far as authbridge cares.
 *
 * @param passwordModify the Password Modify extended operation (RFC 3062): how users change
 *     their own password, and how {@code seed} lets the server hash one
 * @param passwordPolicy the password policy request control (draft-behera-ldap-password-policy,
 *     OpenLDAP's ppolicy): expired, locked and must-change accounts can be told apart
 * @param activeDirectory {@code LDAP_CAP_ACTIVE_DIRECTORY_OID} in supportedCapabilities
 * @param pagedResults the simple paged results control (RFC 2696), used to count large trees
 */
public record ServerFeatures(
        String vendor,
        boolean openLdap,
        boolean activeDirectory,
        boolean passwordModify,
        boolean passwordPolicy,
        boolean startTls,
        boolean pagedResults,
        List<String> namingContexts) {

    public static final String PASSWORD_MODIFY_OID = "1.3.6.1.4.1.4203.1.11.1";
    static final String PASSWORD_POLICY_OID = "1.3.6.1.4.1.42.2.27.8.5.1";
    static final String ACTIVE_DIRECTORY_OID = "1.2.840.113556.1.4.800";
    static final String START_TLS_OID = "1.3.6.1.4.1.1466.20037";
    static final String PAGED_RESULTS_OID = "1.2.840.113556.1.4.319";

    static final ServerFeatures UNKNOWN = new ServerFeatures("unknown", false, false, false, false, false, false, List.of());

    public static ServerFeatures of(RootDSE dse) {
        String[] objectClasses = dse.getAttributeValues("objectClass");
        boolean openLdap = objectClasses != null
                && Arrays.stream(objectClasses).anyMatch("OpenLDAProotDSE"::equalsIgnoreCase);
        boolean ad = contains(dse.getAttributeValues("supportedCapabilities"), ACTIVE_DIRECTORY_OID);
        String vendor = dse.getVendorName() != null
                ? dse.getVendorName() + (dse.getVendorVersion() == null ? "" : " " + dse.getVendorVersion())
                : openLdap ? "OpenLDAP" : ad ? "Active Directory" : "unknown vendor";
        return new ServerFeatures(vendor, openLdap, ad,
                dse.supportsExtendedOperation(PASSWORD_MODIFY_OID),
                dse.supportsControl(PASSWORD_POLICY_OID),
                dse.supportsExtendedOperation(START_TLS_OID),
                dse.supportsControl(PAGED_RESULTS_OID),
                dse.getNamingContextDNs() == null ? List.of() : List.of(dse.getNamingContextDNs()));
    }

    String describe() {
        return "server " + vendor + "; password modify (RFC 3062): " + yesNo(passwordModify)
                + "; password policy control: " + yesNo(passwordPolicy)
                + "; Active Directory: " + yesNo(activeDirectory)
                + "; StartTLS: " + yesNo(startTls)
                + "; naming contexts: " + (namingContexts.isEmpty() ? "none published" : String.join(", ", namingContexts));
    }

    /** Settings that do not fit what the server is. */
    List<Finding> advice(DirectoryConfig config, String url) {
        List<Finding> advice = new ArrayList<>();
        if (activeDirectory && config.users().loginAttribute().equalsIgnoreCase("uid")) {
            advice.add(Finding.warn(url, "Active Directory, but users sign in by uid",
                    "set directory.users.loginAttribute: sAMAccountName and idAttribute: objectGUID"));
        }
        if (!namingContexts.isEmpty() && config.users().baseDn() != null && !underAny(config.users().baseDn())) {
            advice.add(Finding.warn(url, "directory.users.baseDn " + config.users().baseDn()
                            + " is under none of the server's naming contexts",
                    "set directory.users.baseDn inside one of: " + String.join(", ", namingContexts)));
        }
        return advice;
    }

    private boolean underAny(String dn) {
        try {
            DN parsed = new DN(dn);
            for (String context : namingContexts) {
                if (parsed.isDescendantOf(new DN(context), true)) {
                    return true;
                }
            }
            return false;
        } catch (LDAPException e) {
            return true;
        }
    }

    private static boolean contains(String[] values, String oid) {
        return values != null && Arrays.asList(values).contains(oid);
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
