/**
 * Password changes: {@code POST /change-password}.
 *
 * <p>{@link dev.authbridge.password.PasswordRoutes} parses the request once
 * ({@link dev.authbridge.password.ChangePasswordRequest}) and hands it, with the caller's bearer
 * token if there is one, to {@link dev.authbridge.password.PasswordService}. With a token the
 * change is for the token's user; without one the user names themselves and proves it with the
 * old password, which is how a user whose password expired or was reset gets a new one. The
 * directory makes the change as the user, so its own password policy applies; a refusal is a
 * {@link dev.authbridge.password.PasswordChangeRefusedException}, 403 "Unable to update password"
 * whose {@code detail.reason} comes from one vocabulary for every directory ({@link
 * dev.authbridge.directory.PasswordReason}). After a change the user's
 * other sign-ins end (configurable), the caller's own stays.
 */
package dev.authbridge.password;
