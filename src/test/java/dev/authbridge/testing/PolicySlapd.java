package dev.authbridge.testing;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldif.LDIFException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo directory in a private OpenLDAP ({@link DemoDirectory}) with the {@code ppolicy}
 * overlay and password policies under {@code ou=policies}, given to users one by one
 * ({@code pwdPolicySubentry}; there is no default policy, so demo users are untouched):
 * <ul>
 *   <li>{@code strict}: minimum length 10, quality checked (a value the server cannot check is
 *       refused), history of 3, lockout after 3 failures, must change after a reset, maximum
 *       age one day with a one-hour warning, no grace sign-in;
 *   <li>{@code graceful}: strict with two grace sign-ins; {@code young}: a minimum age of an
 *       hour; {@code fixed}: users may not change their own password.
 * </ul>
 * Time is moved by setting {@code pwdChangedTime} as the rootDN with the Relax Rules control
 * (it is NO-USER-MODIFICATION otherwise), so no test waits for a password to age.
 */
public final class PolicySlapd implements AutoCloseable {

    public static final String POLICIES = "ou=policies," + DemoDirectory.SUFFIX;
    public static final Duration MAX_AGE = Duration.ofDays(1);
    public static final Duration EXPIRE_WARNING = Duration.ofHours(1);

    /** draft-zeilenga-ldap-relax: lets the rootDN set operational attributes such as pwdChangedTime. */
    private static final Control RELAX = new Control("1.3.6.1.4.1.4203.666.5.12", true);
    private static final DateTimeFormatter GENERALIZED =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Slapd slapd;

    private PolicySlapd(Slapd slapd) {
        this.slapd = slapd;
    }

    public static PolicySlapd start() {
        Slapd slapd = DemoDirectory.start(Slapd.options().module("ppolicy")
                .overlay("ppolicy", "objectClass: olcPPolicyConfig"));
        try (LDAPConnection root = slapd.connect()) {
            root.add("dn: " + POLICIES, "objectClass: organizationalUnit", "ou: policies");
            policy(root, "strict");
            policy(root, "graceful", "pwdGraceAuthNLimit: 2");
            policy(root, "young", "pwdMinAge: 3600");
            policy(root, "fixed", "pwdAllowUserChange: FALSE");
            return new PolicySlapd(slapd);
        } catch (LDAPException | LDIFException | RuntimeException e) {
            slapd.stop();
            throw new IllegalStateException("cannot set up the password policies: " + e.getMessage(), e);
        }
    }

    private static void policy(LDAPConnection root, String name, String... overrides)
            throws LDAPException, LDIFException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : List.of("pwdAttribute: userPassword", "pwdMinLength: 10", "pwdCheckQuality: 2",
                "pwdInHistory: 3", "pwdLockout: TRUE", "pwdMaxFailure: 3", "pwdMustChange: TRUE",
                "pwdAllowUserChange: TRUE", "pwdSafeModify: FALSE", "pwdMaxAge: " + MAX_AGE.toSeconds(),
                "pwdExpireWarning: " + EXPIRE_WARNING.toSeconds(), "pwdGraceAuthNLimit: 0", "pwdMinAge: 0")) {
            values.put(line.substring(0, line.indexOf(':')), line);
        }
        for (String line : overrides) {
            values.put(line.substring(0, line.indexOf(':')), line);
        }
        List<String> ldif = new ArrayList<>(List.of("dn: cn=" + name + "," + POLICIES,
                "objectClass: organizationalRole", "objectClass: pwdPolicy", "cn: " + name));
        ldif.addAll(values.values());
        root.add(ldif.toArray(String[]::new));
    }

    public Slapd slapd() {
        return slapd;
    }

    public String url() {
        return slapd.url();
    }

    /** Adds {@code uid=<uid>} to the demo tenant under the strict policy; returns its DN. */
    public String createUser(String uid, String password) throws LDAPException, LDIFException {
        String dn = "uid=" + uid + ",ou=people,ou=demo," + DemoDirectory.SUFFIX;
        try (LDAPConnection root = slapd.connect()) {
            root.add("dn: " + dn, "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + uid, "sn: " + uid,
                    "userPassword: " + password, "pwdPolicySubentry: cn=strict," + POLICIES);
        }
        return dn;
    }

    public void usePolicy(String dn, String policy) throws LDAPException {
        modify(dn, new Modification(ModificationType.REPLACE, "pwdPolicySubentry", "cn=" + policy + "," + POLICIES));
    }

    /** The rootDN sets the password: the policy's pwdMustChange makes it a reset (pwdReset). */
    public void adminReset(String dn, String password) throws LDAPException {
        modify(dn, new Modification(ModificationType.REPLACE, "userPassword", password));
    }

    /** 000001010000Z: locked until an administrator unlocks it (draft-behera §5.3.3). */
    public void lock(String dn) throws LDAPException {
        modify(dn, new Modification(ModificationType.REPLACE, "pwdAccountLockedTime", "000001010000Z"));
    }

    /** Past the maximum age. */
    public void expire(String dn) throws LDAPException {
        changedAt(dn, Instant.parse("2000-01-01T00:00:00Z"));
    }

    /** Expires in {@code remaining} (inside the warning window when under an hour). */
    public void expireIn(String dn, Duration remaining) throws LDAPException {
        changedAt(dn, Instant.now().minus(MAX_AGE).plus(remaining));
    }

    public void changedAt(String dn, Instant when) throws LDAPException {
        try (LDAPConnection root = slapd.connect()) {
            root.modify(new ModifyRequest(dn, List.of(new Modification(ModificationType.REPLACE,
                    "pwdChangedTime", GENERALIZED.format(when))), new Control[] {RELAX}));
        }
    }

    public void modify(String dn, Modification modification) throws LDAPException {
        try (LDAPConnection root = slapd.connect()) {
            root.modify(dn, modification);
        }
    }

    @Override
    public void close() {
        slapd.stop();
    }
}
