/**
 * Loading LDIF into a directory, idempotently: {@link dev.authbridge.seed.LdifSeeder} compares
 * every entry of the files with what the directory holds and adds what is missing (parents
 * first, creating plain organisational parents the files do not contain), updates what differs
 * (or, with replace, makes entries exactly as written), and leaves the rest alone, so a second
 * run changes nothing. Plaintext {@code userPassword} values are hashed — by the server through
 * the Password Modify extended operation (RFC 3062) when it offers it, so its own configured
 * scheme applies, else locally as salted SHA-2 ({@link dev.authbridge.seed.PasswordHashes}) —
 * and a password already in place is recognised by verifying it, not by comparing text. Values
 * already hashed in the LDIF are written as they are.
 */
package dev.authbridge.seed;
