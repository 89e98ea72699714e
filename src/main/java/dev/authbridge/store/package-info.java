/**
 * The database every store lives in (tokens, lockouts, authorization codes, browser sessions,
 * signing keys, shared secrets), and what those stores share. {@link dev.authbridge.store.Database}
 * is the pool, JDBI, one write transaction ({@code write}), the sweep that leaves nothing behind,
 * and the schema brought up to date before the first statement; what differs between SQL engines
 * sits behind the {@link dev.authbridge.store.Dialect} seam — {@link dev.authbridge.store.SqliteDialect}
 * (one owner-only file, WAL, one writer at a time, steps in {@link dev.authbridge.store.SqliteSchema})
 * and {@link dev.authbridge.store.PostgresDialect} (a database several instances share: row and
 * advisory locks, every wait bounded, usable when the server comes up after boot, steps in
 * {@link dev.authbridge.store.PostgresSchema}). The store classes of each capability
 * ({@code token.SqlTokenStore}, {@code lockout.SqlLockoutStore}, …) hold one SQL each, which every
 * dialect runs; time columns are epoch milliseconds ({@link dev.authbridge.store.Columns}). What
 * one process changes that others keep in memory travels on the {@link dev.authbridge.store.ChangeFeed}
 * (LISTEN/NOTIFY, or a polled table); {@link dev.authbridge.store.SharedSecrets} holds keys every
 * instance must share; {@link dev.authbridge.store.StoreCopy} moves a store's live state to another.
 * Any failure is a {@link dev.authbridge.store.StoreUnavailableException} (a 503) with a reason fit
 * for the readiness probe, and {@link dev.authbridge.store.ExpiryPurger} deletes what expired in the
 * background.
 */
package dev.authbridge.store;
