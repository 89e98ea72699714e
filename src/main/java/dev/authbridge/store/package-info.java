/**
 * The database every store lives in (tokens, lockouts, authorization codes, browser sessions,
 * signing keys), and what those stores share. {@link dev.authbridge.store.Database} is the pool,
 * JDBI, one write transaction ({@code write}), the sweep that leaves nothing behind, and the
 * schema brought up to date at open; what differs between SQL engines sits behind the
 * {@link dev.authbridge.store.Dialect} seam — today {@link dev.authbridge.store.SqliteDialect}
 * (one owner-only file, WAL, one writer at a time) with its migration steps in
 * {@link dev.authbridge.store.SqliteSchema}. The store classes of each capability
 * ({@code token.SqlTokenStore}, {@code lockout.SqlLockoutStore}, …) hold one SQL each, which
 * every dialect runs; time columns are epoch milliseconds ({@link dev.authbridge.store.Columns}).
 * Any failure is a {@link dev.authbridge.store.StoreUnavailableException} (a 503), and
 * {@link dev.authbridge.store.ExpiryPurger} deletes what expired in the background.
 */
package dev.authbridge.store;
