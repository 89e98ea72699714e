/**
 * The directory doctor behind {@code authbridge check}: Keycloak's "test connection" and "test
 * authentication" buttons for an administrator at a terminal. It connects to every configured
 * directory URL (TLS protocol, cipher and certificate; the service account's bind; the root
 * DSE's features: password modify, password policy, Active Directory), surveys what the
 * configured searches see (users and groups per tenant, entries the mapping cannot use) and
 * shows one user's mapped {@code /userinfo}, optionally testing the password. Every result is a
 * {@link dev.authbridge.doctor.Finding}: a problem always comes with its fix.
 */
package dev.authbridge.doctor;
