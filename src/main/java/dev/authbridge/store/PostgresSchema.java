package dev.authbridge.store;

import java.util.List;

/**
 * The PostgreSQL database's schema, as numbered migration steps that {@link Migrations} applies
 * (the version is the one row of {@code authbridge_schema}). Step 1 is the schema the SQLite file
 * reached in its step 11, in PostgreSQL's words: {@code BIGINT} epoch milliseconds for instants,
 * {@code TEXT} for the rest, hashes and key ids in the {@code "C"} collation (byte order, so the
 * prefix range of {@code tokens revoke} is a range of the index whatever the database's locale).
 * Steps are append-only, as SQLite's: never edit one that has shipped, add the next.
 */
public final class PostgresSchema {

    /** Index {@code i} holds the statements of version {@code i + 1}. */
    public static final List<List<String>> STEPS = List.of(
            // v1: every table of SQLite v11, in one step (no PostgreSQL store predates it).
            List.of(
                    // Tokens: only hashes; every lookup by the hash, revocations by family or subject.
                    """
                    CREATE TABLE tokens (
                        hash        TEXT COLLATE "C" NOT NULL PRIMARY KEY,
                        kind        TEXT   NOT NULL CHECK (kind IN ('ACCESS', 'REFRESH')),
                        family      TEXT   NOT NULL,
                        subject     TEXT,
                        user_dn     TEXT,
                        user_name   TEXT,
                        tenant_id   TEXT,
                        client_id   TEXT   NOT NULL,
                        scope       TEXT,
                        issued_at   BIGINT NOT NULL,
                        expires_at  BIGINT NOT NULL,
                        used_at     BIGINT,
                        revoked_at  BIGINT,
                        auth_time   BIGINT
                    )""",
                    "CREATE INDEX tokens_family ON tokens (family)",
                    "CREATE INDEX tokens_expires_at ON tokens (expires_at)",
                    "CREATE INDEX tokens_subject ON tokens (subject) WHERE subject IS NOT NULL",
                    // Signing keys: the private half while NEXT or ACTIVE; one of each, by the
                    // partial unique index, whatever number of instances add one at once.
                    """
                    CREATE TABLE signing_keys (
                        kid         TEXT COLLATE "C" NOT NULL PRIMARY KEY,
                        status      TEXT   NOT NULL CHECK (status IN ('NEXT', 'ACTIVE', 'RETIRED')),
                        algorithm   TEXT   NOT NULL,
                        jwk         TEXT   NOT NULL,
                        created_at  BIGINT NOT NULL,
                        retired_at  BIGINT
                    )""",
                    "CREATE UNIQUE INDEX signing_keys_one_per_status ON signing_keys (status) "
                            + "WHERE status IN ('NEXT', 'ACTIVE')",
                    // Brute-force protection: one row per wrong password, one per key locked out.
                    """
                    CREATE TABLE login_failures (
                        kind   TEXT   NOT NULL CHECK (kind IN ('ACCOUNT', 'USER', 'IP', 'CLIENT', 'CLIENT_IP')),
                        key    TEXT   NOT NULL,
                        label  TEXT,
                        at     BIGINT NOT NULL
                    )""",
                    "CREATE INDEX login_failures_key ON login_failures (kind, key, at)",
                    "CREATE INDEX login_failures_at ON login_failures (at)",
                    """
                    CREATE TABLE lockouts (
                        kind          TEXT    NOT NULL CHECK (kind IN ('ACCOUNT', 'USER', 'IP', 'CLIENT', 'CLIENT_IP')),
                        key           TEXT    NOT NULL,
                        label         TEXT,
                        strikes       INTEGER NOT NULL,
                        locked_at     BIGINT  NOT NULL,
                        locked_until  BIGINT  NOT NULL,
                        PRIMARY KEY (kind, key)
                    )""",
                    "CREATE INDEX lockouts_locked_until ON lockouts (locked_until)",
                    // Browser sign-in: hashes of codes and session ids only.
                    """
                    CREATE TABLE authorization_codes (
                        hash            TEXT COLLATE "C" NOT NULL PRIMARY KEY,
                        client_id       TEXT   NOT NULL,
                        redirect_uri    TEXT   NOT NULL,
                        subject         TEXT   NOT NULL,
                        user_dn         TEXT   NOT NULL,
                        user_name       TEXT   NOT NULL,
                        tenant_id       TEXT,
                        scope           TEXT   NOT NULL,
                        code_challenge  TEXT,
                        nonce           TEXT,
                        auth_time       BIGINT NOT NULL,
                        issued_at       BIGINT NOT NULL,
                        expires_at      BIGINT NOT NULL,
                        used_at         BIGINT,
                        replayed_at     BIGINT,
                        token_family    TEXT,
                        retain_until    BIGINT NOT NULL
                    )""",
                    "CREATE INDEX authorization_codes_retain_until ON authorization_codes (retain_until)",
                    """
                    CREATE TABLE browser_sessions (
                        hash             TEXT COLLATE "C" NOT NULL PRIMARY KEY,
                        subject          TEXT   NOT NULL,
                        user_dn          TEXT   NOT NULL,
                        user_name        TEXT   NOT NULL,
                        tenant_id        TEXT,
                        auth_time        BIGINT NOT NULL,
                        idle_expires_at  BIGINT NOT NULL,
                        expires_at       BIGINT NOT NULL
                    )""",
                    "CREATE INDEX browser_sessions_subject ON browser_sessions (subject)",
                    "CREATE INDEX browser_sessions_idle_expires_at ON browser_sessions (idle_expires_at)",
                    """
                    CREATE TABLE browser_session_clients (
                        session_hash  TEXT COLLATE "C" NOT NULL REFERENCES browser_sessions (hash) ON DELETE CASCADE,
                        client_id     TEXT NOT NULL,
                        PRIMARY KEY (session_hash, client_id)
                    )""",
                    // The readiness probe commits a change to this one row.
                    "CREATE TABLE store_probe (id INTEGER PRIMARY KEY CHECK (id = 1), writes BIGINT NOT NULL)",
                    "INSERT INTO store_probe (id, writes) VALUES (1, 0)",
                    // Keys every instance must share (the forms' CSRF key), made once.
                    """
                    CREATE TABLE secrets (
                        name        TEXT COLLATE "C" NOT NULL PRIMARY KEY,
                        value       TEXT   NOT NULL,
                        created_at  BIGINT NOT NULL
                    )""",
                    // Hashes of the jti of assertions already used (jwt-bearer replay).
                    """
                    CREATE TABLE assertion_uses (
                        hash        TEXT COLLATE "C" NOT NULL PRIMARY KEY,
                        expires_at  BIGINT NOT NULL
                    )""",
                    "CREATE INDEX assertion_uses_expires_at ON assertion_uses (expires_at)"),
            // v2 (token exchange, RFC 8693): SQLite's v13, who
            // acts for the user of a delegated token.
            List.of("ALTER TABLE tokens ADD COLUMN act TEXT"),
            // v3: SQLite's v14, the clients registered at run time (the ops API, the clients
            // command); every instance on the database sees them at once.
            List.of(
                    """
                    CREATE TABLE clients (
                        id                  TEXT   NOT NULL PRIMARY KEY,
                        client_type         TEXT   NOT NULL CHECK (client_type IN ('CONFIDENTIAL', 'PUBLIC')),
                        secret_hash         TEXT,
                        name                TEXT,
                        description         TEXT,
                        grant_types         TEXT   NOT NULL,
                        authorities         TEXT   NOT NULL,
                        scope               TEXT   NOT NULL,
                        redirect_uris       TEXT   NOT NULL,
                        contact_center_ids  TEXT   NOT NULL,
                        access_token_ttl    BIGINT NOT NULL,
                        refresh_token_ttl   BIGINT NOT NULL,
                        created_at          BIGINT NOT NULL,
                        updated_at          BIGINT NOT NULL
                    )"""),
            // v4: SQLite's v15, the client that asked for a token by token exchange.
            List.of("ALTER TABLE tokens ADD COLUMN exchanged_by TEXT",
                    "CREATE INDEX tokens_exchanged_by ON tokens (exchanged_by) WHERE exchanged_by IS NOT NULL"));

    public static final int LATEST = STEPS.size();

    private PostgresSchema() {}
}
