/**
 * Brute-force protection of sign-ins. Wrong passwords are counted per user name and per client
 * address in a sliding window ({@link dev.authbridge.lockout.LoginThrottle}); reaching the
 * configured maximum locks that key out for a time that doubles with each further lockout, up
 * to a maximum (Authelia's regulation and Keycloak's brute-force detection are the models).
 * While locked, a sign-in is refused before the directory is asked, whatever the password.
 * Only wrong credentials count: a directory outage never does. {@link
 * dev.authbridge.lockout.SignInGuard} is the one door every password check goes through (token
 * endpoint, sign-in page, change-password): it consults the throttle, asks the directory,
 * records the outcome and writes the audit events. State lives in the store's SQLite file
 * ({@link dev.authbridge.lockout.SqliteLockoutStore}), so a restart forgets nothing.
 */
package dev.authbridge.lockout;
