package dev.authbridge.seed;

import java.util.Locale;

/** How {@code seed} stores a plaintext {@code userPassword} from the LDIF. */
public enum PasswordScheme {
    /** The server's own choice when it offers Password Modify (RFC 3062), else {@link #SSHA512}. */
    AUTO,
    /** The Password Modify extended operation: the server hashes with its configured scheme. */
    SERVER,
    /** {@code {SSHA512}}: salted SHA-512 (OpenLDAP needs its pw-sha2 module to verify it). */
    SSHA512,
    /** {@code {SSHA256}}: salted SHA-256 (OpenLDAP needs its pw-sha2 module to verify it). */
    SSHA256,
    /** {@code {SSHA}}: salted SHA-1, for servers that know nothing better. */
    SSHA,
    /** Stored as written: only for a server that hashes by itself, or test data. */
    NONE;

    /** The option's spelling: {@code auto}, {@code server}, {@code ssha512}… */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }
}
