package dev.authbridge.seed;

/**
 * @param replace make existing entries exactly as written (attributes absent from the LDIF are
 *     removed); otherwise only the attributes the LDIF names are brought in line
 * @param dryRun compute and report every change, write nothing
 * @param passwords how plaintext {@code userPassword} values are stored
 */
public record SeedOptions(boolean replace, boolean dryRun, PasswordScheme passwords) {}
