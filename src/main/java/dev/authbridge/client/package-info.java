/**
 * The registered OAuth clients: those of {@code config.yaml} (read-only) and those operators
 * register at run time through the ops API or {@code authbridge clients} (kept in the store, so
 * every instance sees them at once). {@link dev.authbridge.client.ClientRegistry} is the lookup
 * by id that client authentication, the grants, the authorization endpoint and sign-out use;
 * {@link dev.authbridge.client.StoreBackedClientRegistry} answers it from the configuration
 * first, then from the {@link dev.authbridge.client.ClientStore} (one SQL for every engine,
 * {@link dev.authbridge.client.SqlClientStore}), read on every lookup: no cache to fall behind.
 * {@link dev.authbridge.client.ClientAdministration} is the one code path that creates, updates
 * and deletes store clients, validating them as strictly as the loader validates the
 * configuration's (every problem at once), auditing every change and revoking a deleted client's
 * tokens. Secrets are kept only as bcrypt hashes ({@link dev.authbridge.client.ClientSecrets}).
 */
package dev.authbridge.client;
