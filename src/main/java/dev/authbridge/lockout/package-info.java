/**
 * Brute-force protection of sign-ins and client secrets. Wrong credentials are counted per key
 * — the directory account a name resolved to (by its stable id, so every spelling of the name is
 * one count), a name that designates no one (in canonical form), an OAuth client — and per
 * client address, in a sliding window ({@link dev.authbridge.lockout.LoginThrottle}); reaching
 * the configured maximum locks that key out for a time that doubles with each further lockout,
 * up to a maximum (Authelia's regulation and Keycloak's brute-force detection are the models).
 * While locked, no password or secret is checked, whatever it is. Only wrong credentials count:
 * a directory outage never does. A check takes its key's turn
 * ({@link dev.authbridge.lockout.AttemptPermits}: one at a time per key in a process, bounded in
 * waiters and time), so the lockout read, the check and its count are one step and parallel
 * guesses cannot outrun the limit. {@link dev.authbridge.lockout.SignInGuard} is the one door
 * every password check goes through (token endpoint, sign-in page, change-password): it has
 * the directory locate the account, takes the turn, consults the throttle, asks the directory
 * to check the password, records the outcome and writes the audit events;
 * {@link dev.authbridge.lockout.ClientGuard} does the same for client secrets. State lives in
 * the store ({@link dev.authbridge.lockout.SqlLockoutStore}, the SQLite file today), so a
 * restart forgets nothing.
 */
package dev.authbridge.lockout;
