/**
 * The command line of the jar ({@code java -jar authbridge.jar <command>}), with picocli:
 * {@code serve} (the default), {@code check} (the directory doctor), {@code seed} (LDIF into a
 * directory), {@code tokens} (list, revoke, purge), {@code bans} (lockouts), {@code keys
 * rotate}, {@code store copy} and {@code clients} (list, add, update, remove). Commands are thin: they read options and the configuration, call the capability
 * that does the work and print its result. Exit codes: 0 success, 1 a check or an operation
 * failed, 2 a bad command line or configuration (nothing done).
 */
package dev.authbridge.cli;
