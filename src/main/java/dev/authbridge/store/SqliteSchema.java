package dev.authbridge.store;

import java.util.List;

/**
 * The SQLite file's schema, shared by every store of authbridge (tokens, and the tables other
 * capabilities add), as numbered migration steps that {@link Migrations} applies. Step {@code n}
 * (1-based) takes a file from {@code PRAGMA user_version = n - 1} to {@code n}; each step runs
 * in its own {@code BEGIN IMMEDIATE} transaction together with the version bump, so a crash
 * leaves the file at a whole version and two processes starting at once cannot both apply a
 * step. Steps are append-only: never edit one that has shipped, add the next. The SQLite-only
 * words ({@code WITHOUT ROWID}, rowid tables, rebuilding a table to widen a {@code CHECK}) stay
 * in these steps; another engine has steps of its own (see {@link Dialect#migrations}).
 */
public final class SqliteSchema {

    /** Index {@code i} holds the statements of version {@code i + 1}. */
    public static final List<List<String>> STEPS = List.of(
            // v1: the token table. WITHOUT ROWID because every lookup is by the text primary key
            // and rows are small: the hash index is the table, one B-tree search per find.
            List.of(
                    """
                    CREATE TABLE tokens (
                        hash        TEXT    NOT NULL PRIMARY KEY,
                        kind        TEXT    NOT NULL CHECK (kind IN ('ACCESS', 'REFRESH')),
                        family      TEXT    NOT NULL,
                        subject     TEXT,
                        user_dn     TEXT,
                        user_name   TEXT,
                        tenant_id   TEXT,
                        client_id   TEXT    NOT NULL,
                        scope       TEXT,
                        issued_at   INTEGER NOT NULL,
                        expires_at  INTEGER NOT NULL,
                        used_at     INTEGER,
                        revoked_at  INTEGER
                    ) WITHOUT ROWID""",
                    "CREATE INDEX tokens_family ON tokens (family)",
                    "CREATE INDEX tokens_expires_at ON tokens (expires_at)"),
            // v2: global sign-out (revokeSubject) and per-client housekeeping must not scan.
            List.of(
                    "CREATE INDEX tokens_subject ON tokens (subject) WHERE subject IS NOT NULL",
                    "CREATE INDEX tokens_client_id ON tokens (client_id)"),
            // v3: JWS signing keys (dev.authbridge.jwt). The private half lives here, in the
            // owner-only store file, while a key is NEXT or ACTIVE, and is erased when it is
            // RETIRED (only the public half stays, published until what it signed has expired).
            // The partial unique index makes "one ACTIVE, one NEXT" a database invariant, so two
            // processes starting on a fresh file cannot both install a key.
            List.of(
                    """
                    CREATE TABLE signing_keys (
                        kid         TEXT    NOT NULL PRIMARY KEY,
                        status      TEXT    NOT NULL CHECK (status IN ('NEXT', 'ACTIVE', 'RETIRED')),
                        algorithm   TEXT    NOT NULL,
                        jwk         TEXT    NOT NULL,
                        created_at  INTEGER NOT NULL,
                        retired_at  INTEGER
                    )""",
                    "CREATE UNIQUE INDEX signing_keys_one_per_status ON signing_keys (status) "
                            + "WHERE status IN ('NEXT', 'ACTIVE')"),
            // v4: when the user of a sign-in authenticated (OpenID Connect auth_time), kept on
            // every token of the family so a refreshed id token still carries the original time.
            List.of("ALTER TABLE tokens ADD COLUMN auth_time INTEGER"),
            // v5: brute-force protection (dev.authbridge.lockout). One row per wrong password,
            // per key (a user name or a client address), kept for the sliding window; one row
            // per key that was locked out, kept while its strikes count (growing lock times).
            List.of(
                    """
                    CREATE TABLE login_failures (
                        kind  TEXT    NOT NULL CHECK (kind IN ('USER', 'IP')),
                        key   TEXT    NOT NULL,
                        at    INTEGER NOT NULL
                    )""",
                    "CREATE INDEX login_failures_key ON login_failures (kind, key, at)",
                    "CREATE INDEX login_failures_at ON login_failures (at)",
                    """
                    CREATE TABLE lockouts (
                        kind          TEXT    NOT NULL CHECK (kind IN ('USER', 'IP')),
                        key           TEXT    NOT NULL,
                        strikes       INTEGER NOT NULL,
                        locked_at     INTEGER NOT NULL,
                        locked_until  INTEGER NOT NULL,
                        PRIMARY KEY (kind, key)
                    ) WITHOUT ROWID""",
                    "CREATE INDEX lockouts_locked_until ON lockouts (locked_until)"),
            // v6: browser sign-in (dev.authbridge.authorize, dev.authbridge.session). Only hashes
            // of codes and session ids are stored. A redeemed code is kept (retain_until) as long
            // as the tokens issued from it can live, so a replay is recognised and revokes them
            // (token_family); replayed_at closes the race of a replay during the redemption.
            List.of(
                    """
                    CREATE TABLE authorization_codes (
                        hash            TEXT    NOT NULL PRIMARY KEY,
                        client_id       TEXT    NOT NULL,
                        redirect_uri    TEXT    NOT NULL,
                        subject         TEXT    NOT NULL,
                        user_dn         TEXT    NOT NULL,
                        user_name       TEXT    NOT NULL,
                        tenant_id       TEXT,
                        scope           TEXT    NOT NULL,
                        code_challenge  TEXT,
                        nonce           TEXT,
                        auth_time       INTEGER NOT NULL,
                        issued_at       INTEGER NOT NULL,
                        expires_at      INTEGER NOT NULL,
                        used_at         INTEGER,
                        replayed_at     INTEGER,
                        token_family    TEXT,
                        retain_until    INTEGER NOT NULL
                    ) WITHOUT ROWID""",
                    "CREATE INDEX authorization_codes_retain_until ON authorization_codes (retain_until)",
                    """
                    CREATE TABLE browser_sessions (
                        hash             TEXT    NOT NULL PRIMARY KEY,
                        subject          TEXT    NOT NULL,
                        user_dn          TEXT    NOT NULL,
                        user_name        TEXT    NOT NULL,
                        tenant_id        TEXT,
                        auth_time        INTEGER NOT NULL,
                        idle_expires_at  INTEGER NOT NULL,
                        expires_at       INTEGER NOT NULL
                    ) WITHOUT ROWID""",
                    "CREATE INDEX browser_sessions_subject ON browser_sessions (subject)",
                    "CREATE INDEX browser_sessions_idle_expires_at ON browser_sessions (idle_expires_at)"),
            // v7: the token table rebuilt for the write path (measured: an insert took ~100 µs,
            // now ~60 µs). A rowid table: in a WITHOUT ROWID table every index entry carries the
            // 64-character hash, in a rowid table an 8-byte rowid. The client_id index goes:
            // only the admin commands ask by client, and a scan serves them.
            List.of(
                    """
                    CREATE TABLE tokens_v7 (
                        hash        TEXT    NOT NULL UNIQUE,
                        kind        TEXT    NOT NULL CHECK (kind IN ('ACCESS', 'REFRESH')),
                        family      TEXT    NOT NULL,
                        subject     TEXT,
                        user_dn     TEXT,
                        user_name   TEXT,
                        tenant_id   TEXT,
                        client_id   TEXT    NOT NULL,
                        scope       TEXT,
                        issued_at   INTEGER NOT NULL,
                        expires_at  INTEGER NOT NULL,
                        used_at     INTEGER,
                        revoked_at  INTEGER,
                        auth_time   INTEGER
                    )""",
                    "INSERT INTO tokens_v7 (hash, kind, family, subject, user_dn, user_name, tenant_id, client_id, "
                            + "scope, issued_at, expires_at, used_at, revoked_at, auth_time) "
                            + "SELECT hash, kind, family, subject, user_dn, user_name, tenant_id, client_id, "
                            + "scope, issued_at, expires_at, used_at, revoked_at, auth_time FROM tokens",
                    "DROP TABLE tokens",
                    "ALTER TABLE tokens_v7 RENAME TO tokens",
                    "CREATE INDEX tokens_family ON tokens (family)",
                    "CREATE INDEX tokens_expires_at ON tokens (expires_at)",
                    "CREATE INDEX tokens_subject ON tokens (subject) WHERE subject IS NOT NULL"),
            // v8: lockouts keyed by the directory's account (its stable id), by OAuth client and
            // by address guessing client secrets, beside names that designate no one and
            // addresses guessing passwords; a label says what an operator
            // knows the key by (an account's tenant and name, for bans list and bans clear --user).
            // SQLite cannot widen a CHECK in place: both tables are rebuilt, rows kept.
            List.of(
                    """
                    CREATE TABLE login_failures_v8 (
                        kind   TEXT    NOT NULL CHECK (kind IN ('ACCOUNT', 'USER', 'IP', 'CLIENT', 'CLIENT_IP')),
                        key    TEXT    NOT NULL,
                        label  TEXT,
                        at     INTEGER NOT NULL
                    )""",
                    "INSERT INTO login_failures_v8 (kind, key, at) SELECT kind, key, at FROM login_failures",
                    "DROP TABLE login_failures",
                    "ALTER TABLE login_failures_v8 RENAME TO login_failures",
                    "CREATE INDEX login_failures_key ON login_failures (kind, key, at)",
                    "CREATE INDEX login_failures_at ON login_failures (at)",
                    """
                    CREATE TABLE lockouts_v8 (
                        kind          TEXT    NOT NULL CHECK (kind IN ('ACCOUNT', 'USER', 'IP', 'CLIENT', 'CLIENT_IP')),
                        key           TEXT    NOT NULL,
                        label         TEXT,
                        strikes       INTEGER NOT NULL,
                        locked_at     INTEGER NOT NULL,
                        locked_until  INTEGER NOT NULL,
                        PRIMARY KEY (kind, key)
                    ) WITHOUT ROWID""",
                    "INSERT INTO lockouts_v8 (kind, key, strikes, locked_at, locked_until) "
                            + "SELECT kind, key, strikes, locked_at, locked_until FROM lockouts",
                    "DROP TABLE lockouts",
                    "ALTER TABLE lockouts_v8 RENAME TO lockouts",
                    "CREATE INDEX lockouts_locked_until ON lockouts (locked_until)"),
            // v9: the clients a browser session has signed in to, so a sign-out by the cookie
            // alone redirects only to a URI registered for one of them. One row per client (an
            // insert that ignores a duplicate is one statement on every engine); they go with
            // their session.
            List.of(
                    """
                    CREATE TABLE browser_session_clients (
                        session_hash  TEXT NOT NULL REFERENCES browser_sessions (hash) ON DELETE CASCADE,
                        client_id     TEXT NOT NULL,
                        PRIMARY KEY (session_hash, client_id)
                    ) WITHOUT ROWID"""),
            // v10: the readiness probe (Database.checkHealth) commits a change to this one row: a
            // read succeeds on a full disk, a commit does not.
            List.of(
                    "CREATE TABLE store_probe (id INTEGER PRIMARY KEY CHECK (id = 1), writes INTEGER NOT NULL)",
                    "INSERT INTO store_probe (id, writes) VALUES (1, 0)"),
            // v11: the tokens of trusted issuers used (dev.authbridge.federation), by the hash of
            // issuer and jti, kept until they expire so that a replay is refused on every
            // instance; the primary key decides a race (INSERT … ON CONFLICT DO NOTHING).
            List.of(
                    """
                    CREATE TABLE assertion_uses (
                        hash        TEXT    NOT NULL PRIMARY KEY,
                        expires_at  INTEGER NOT NULL
                    ) WITHOUT ROWID""",
                    "CREATE INDEX assertion_uses_expires_at ON assertion_uses (expires_at)"),
            // v12: keys every process on the store must share, made once (the forms' CSRF key:
            // a form survives a restart); the file is owner-only, as for the signing keys. And
            // the changes other processes on the file poll for (ChangeFeed: a user's cached
            // entry to drop, signing keys to re-read), kept a minute.
            List.of(
                    """
                    CREATE TABLE secrets (
                        name        TEXT    NOT NULL PRIMARY KEY,
                        value       TEXT    NOT NULL,
                        created_at  INTEGER NOT NULL
                    ) WITHOUT ROWID""",
                    """
                    CREATE TABLE changes (
                        id     INTEGER PRIMARY KEY AUTOINCREMENT,
                        topic  TEXT    NOT NULL,
                        key    TEXT    NOT NULL,
                        at     INTEGER NOT NULL
                    )"""),
            // v13 (token exchange, RFC 8693): who acts for the
            // user of a delegated token, the act claim's JSON; null on every other token.
            List.of("ALTER TABLE tokens ADD COLUMN act TEXT"),
            // v14: clients registered at run time (dev.authbridge.client: the ops API, the
            // clients command), beside those of config.yaml. The secret only as its bcrypt hash;
            // lists as JSON arrays of strings, lifetimes in seconds.
            List.of(
                    """
                    CREATE TABLE clients (
                        id                  TEXT    NOT NULL PRIMARY KEY,
                        client_type         TEXT    NOT NULL CHECK (client_type IN ('CONFIDENTIAL', 'PUBLIC')),
                        secret_hash         TEXT,
                        name                TEXT,
                        description         TEXT,
                        grant_types         TEXT    NOT NULL,
                        authorities         TEXT    NOT NULL,
                        scope               TEXT    NOT NULL,
                        redirect_uris       TEXT    NOT NULL,
                        contact_center_ids  TEXT    NOT NULL,
                        access_token_ttl    INTEGER NOT NULL,
                        refresh_token_ttl   INTEGER NOT NULL,
                        created_at          INTEGER NOT NULL,
                        updated_at          INTEGER NOT NULL
                    ) WITHOUT ROWID"""),
            // v15: the client that asked for a token by token exchange (null for every other
            // token): deleting or revoking that client revokes what it obtained for other targets.
            List.of("ALTER TABLE tokens ADD COLUMN exchanged_by TEXT",
                    "CREATE INDEX tokens_exchanged_by ON tokens (exchanged_by) WHERE exchanged_by IS NOT NULL"));

    public static final int LATEST = STEPS.size();

    private SqliteSchema() {}
}
