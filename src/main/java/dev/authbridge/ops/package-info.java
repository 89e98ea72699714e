/**
 * The operators' API, {@code /auth/v3/ops/clients}: the vendor's client registry for
 * provisioning scripts, over {@link dev.authbridge.client.ClientAdministration}. Off unless
 * {@code ops.user} and {@code ops.password} are configured (its paths are then unknown: 404).
 * Every call authenticates with HTTP Basic ({@link dev.authbridge.ops.OpsAuthenticator}: compared
 * in constant time, lockout-protected as any password); bodies are the vendor's
 * {@code {"data": {…}}} ({@link dev.authbridge.ops.OpsClientRequest}) and answers the
 * {@code ApiResponse} envelope.
 */
package dev.authbridge.ops;
