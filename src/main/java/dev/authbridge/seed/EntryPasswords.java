package dev.authbridge.seed;

import com.unboundid.ldap.sdk.LDAPException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code userPassword} values of one LDIF entry: how they are written, and whether the
 * directory already has them. A hashed value is compared as written; a plaintext one is in place
 * when a stored value verifies it, or — when none can be read, or their scheme is unknown here —
 * when a bind with it works.
 */
final class EntryPasswords {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Tests a password by binding as the entry, on a connection of its own. */
    @FunctionalInterface
    interface BindTest {
        boolean canBind(String dn, String password) throws LDAPException;
    }

    private final String[] values;
    private final PasswordScheme scheme;

    /** @param scheme resolved: never {@link PasswordScheme#AUTO} */
    EntryPasswords(String[] values, PasswordScheme scheme) {
        this.values = values == null ? new String[0] : values;
        this.scheme = scheme;
    }

    boolean present() {
        return values.length > 0;
    }

    String first() {
        return values[0];
    }

    /** Whether every value is plaintext (none names a scheme). */
    boolean plaintext() {
        return Arrays.stream(values).noneMatch(PasswordHashes::isHashed);
    }

    /** The server hashes: one plaintext value, set by Password Modify after the write. */
    boolean viaServer() {
        return scheme == PasswordScheme.SERVER && values.length == 1 && plaintext();
    }

    /** The values to write: hashed ones as written, plaintext ones hashed as configured. */
    String[] stored() {
        return Arrays.stream(values)
                .map(v -> PasswordHashes.isHashed(v) || scheme == PasswordScheme.NONE || scheme == PasswordScheme.SERVER
                        ? v : PasswordHashes.hash(scheme, v))
                .toArray(String[]::new);
    }

    /** A salted hash of 256 random bits: a password no one can type. */
    static String unknowable() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return PasswordHashes.hash(PasswordScheme.SSHA512, HexFormat.of().formatHex(random));
    }

    /** Whether the entry's current values ({@code null}: unreadable) differ from these. */
    boolean differ(String[] current, String dn, BindTest bind, List<String> notes) throws LDAPException {
        if (current != null && current.length != values.length) {
            return true;
        }
        for (String value : values) {
            if (PasswordHashes.isHashed(value)) {
                if (current == null) {
                    notes.add(dn + ": userPassword cannot be read; the hashed value in the LDIF was left alone");
                    continue;
                }
                if (!Arrays.asList(current).contains(value)) {
                    return true;
                }
            } else if (!inPlace(current, value, dn, bind)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inPlace(String[] current, String plaintext, String dn, BindTest bind) throws LDAPException {
        boolean unknownScheme = current == null;
        if (current != null) {
            for (String stored : current) {
                var verified = PasswordHashes.verify(stored, plaintext);
                if (verified.orElse(false)) {
                    return true;
                }
                unknownScheme |= verified.isEmpty();
            }
        }
        return unknownScheme && bind.canBind(dn, plaintext);
    }
}
