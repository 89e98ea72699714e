/**
 * Access and refresh tokens: issuing, checking, rotating and revoking them. {@link
 * dev.authbridge.token.TokenService} holds the protocol logic (random opaque tokens, refresh
 * rotation with reuse detection, sign-out) over the {@link dev.authbridge.token.TokenStore} port,
 * whose adapter is {@link dev.authbridge.token.SqlTokenStore}: one SQL over the
 * {@link dev.authbridge.store.Database} (the SQLite file today) that keeps only SHA-256 hashes
 * of tokens, never the tokens, and survives restarts. {@link
 * dev.authbridge.token.TokenPurger} deletes expired rows in the background.
 */
package dev.authbridge.token;
