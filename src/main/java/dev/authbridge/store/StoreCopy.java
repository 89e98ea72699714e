package dev.authbridge.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Copies the live state of one store into another ({@code authbridge store copy}: a SQLite
 * installation moving to PostgreSQL, so that growing to several instances signs nobody out):
 * tokens, authorization codes and browser sessions not yet expired, the clients of those
 * sessions, login failures, lockouts, signing keys with their private halves, the shared secrets
 * (the forms' CSRF key) and the clients registered at run time. The source is read in one
 * transaction (a consistent snapshot while its server runs); the target is written in one, so it
 * gets all of it or nothing.
 *
 * <p>A target that already holds rows is refused unless {@code merge}: when it holds every row
 * of the source already, that is reported as nothing new to copy (a second run). Merging adds
 * the rows the target lacks and, for rows both hold, never undoes what either store decided: a
 * token or code used or revoked in either stays so, a lockout keeps the longer lock and the
 * higher strikes; anything else of the target's (its keys, sessions, secrets) stays as it is.
 */
public final class StoreCopy {

    /** How one table is copied: its columns (text or 64-bit integer), key, live rows, merge rule. */
    private record Table(String name, List<String> text, List<String> integers, List<String> key, String live,
            String onConflict) {
        List<String> columns() {
            List<String> all = new ArrayList<>(text);
            all.addAll(integers);
            return all;
        }
    }

    private static final List<Table> TABLES = List.of(
            new Table("signing_keys", List.of("kid", "status", "algorithm", "jwk"), List.of("created_at", "retired_at"),
                    List.of("kid"), null, "ON CONFLICT DO NOTHING"),
            new Table("tokens", List.of("hash", "kind", "family", "subject", "user_dn", "user_name", "tenant_id",
                    "client_id", "scope", "act", "exchanged_by"), List.of("issued_at", "expires_at", "used_at", "revoked_at", "auth_time"),
                    List.of("hash"), "expires_at >= ?", "ON CONFLICT (hash) DO UPDATE SET "
                    + "used_at = COALESCE(tokens.used_at, excluded.used_at), "
                    + "revoked_at = COALESCE(tokens.revoked_at, excluded.revoked_at)"),
            new Table("authorization_codes", List.of("hash", "client_id", "redirect_uri", "subject", "user_dn",
                    "user_name", "tenant_id", "scope", "code_challenge", "nonce", "token_family"),
                    List.of("auth_time", "issued_at", "expires_at", "used_at", "replayed_at", "retain_until"),
                    List.of("hash"), "retain_until >= ?", "ON CONFLICT (hash) DO UPDATE SET "
                    + "used_at = COALESCE(authorization_codes.used_at, excluded.used_at), "
                    + "replayed_at = COALESCE(authorization_codes.replayed_at, excluded.replayed_at), "
                    + "token_family = COALESCE(authorization_codes.token_family, excluded.token_family)"),
            new Table("browser_sessions", List.of("hash", "subject", "user_dn", "user_name", "tenant_id"),
                    List.of("auth_time", "idle_expires_at", "expires_at"), List.of("hash"), "idle_expires_at >= ?",
                    "ON CONFLICT DO NOTHING"),
            new Table("browser_session_clients", List.of("session_hash", "client_id"), List.of(),
                    List.of("session_hash", "client_id"),
                    "session_hash IN (SELECT hash FROM browser_sessions WHERE idle_expires_at >= ?)",
                    "ON CONFLICT DO NOTHING"),
            new Table("lockouts", List.of("kind", "key", "label"), List.of("strikes", "locked_at", "locked_until"),
                    List.of("kind", "key"), null, "ON CONFLICT (kind, key) DO UPDATE SET "
                    + "strikes = GREATEST(lockouts.strikes, excluded.strikes), "
                    + "locked_at = GREATEST(lockouts.locked_at, excluded.locked_at), "
                    + "locked_until = GREATEST(lockouts.locked_until, excluded.locked_until)"),
            // No key of its own: a failure is the same failure when every column is.
            new Table("login_failures", List.of("kind", "key", "label"), List.of("at"),
                    List.of("kind", "key", "label", "at"), null, null),
            new Table("secrets", List.of("name", "value"), List.of("created_at"), List.of("name"), null,
                    "ON CONFLICT DO NOTHING"),
            // A client both stores hold stays as the target has it (the newer registration).
            new Table("clients", List.of("id", "client_type", "secret_hash", "name", "description", "grant_types",
                    "authorities", "scope", "redirect_uris", "contact_center_ids"),
                    List.of("access_token_ttl", "refresh_token_ttl", "created_at", "updated_at"), List.of("id"), null,
                    "ON CONFLICT DO NOTHING"));

    /** What a run did to one table. */
    public record Count(String table, int source, int added, int alreadyThere) {}

    /** How a run ended. */
    public enum Outcome {
        /** Copied (into an empty target, or merged). */
        COPIED,
        /** The target already held every row of the source: nothing written. */
        NOTHING_NEW,
        /** The target holds rows and no merge was asked for: nothing written. */
        REFUSED
    }

    /** What a run did, table by table; {@code targetRows} is what the target held before. */
    public record Result(Outcome outcome, List<Count> counts, int targetRows) {
        public int added() {
            return counts.stream().mapToInt(Count::added).sum();
        }
    }

    private StoreCopy() {}

    /** Copies {@code source}'s live rows (those still valid at {@code now}) into {@code target}. */
    public static Result copy(Database source, Database target, Instant now, boolean merge) {
        Map<Table, List<Object[]>> rows = source.call("readForCopy", h -> h.inTransaction(tx -> {
            Map<Table, List<Object[]>> read = new LinkedHashMap<>();
            for (Table t : TABLES) {
                read.put(t, read(tx, t, now));
            }
            return read;
        }));
        return target.write("copyStore", tx -> {
            target.lock(tx, "authbridge store copy");
            int targetRows = 0;
            List<Count> present = new ArrayList<>();
            for (Table t : TABLES) {
                Set<List<Object>> keys = keys(tx, t);
                targetRows += keys.size();
                int there = (int) rows.get(t).stream().filter(r -> keys.contains(key(t, r))).count();
                present.add(new Count(t.name(), rows.get(t).size(), 0, there));
            }
            if (targetRows > 0 && !merge) {
                boolean allThere = present.stream().allMatch(c -> c.alreadyThere() == c.source());
                return new Result(allThere ? Outcome.NOTHING_NEW : Outcome.REFUSED, present, targetRows);
            }
            List<Count> counts = new ArrayList<>();
            for (int i = 0; i < TABLES.size(); i++) {
                Table t = TABLES.get(i);
                int added = insert(tx, t, rows.get(t));
                counts.add(new Count(t.name(), rows.get(t).size(), added, present.get(i).alreadyThere()));
            }
            return new Result(Outcome.COPIED, counts, targetRows);
        });
    }

    private static List<Object[]> read(Handle h, Table t, Instant now) {
        String sql = "SELECT " + String.join(", ", t.columns()) + " FROM " + t.name()
                + (t.live() == null ? "" : " WHERE " + t.live());
        var query = h.createQuery(sql);
        if (t.live() != null) {
            query.bind(0, now);
        }
        return query.map((rs, ctx) -> row(rs, t)).list();
    }

    private static Object[] row(ResultSet rs, Table t) throws SQLException {
        Object[] row = new Object[t.text().size() + t.integers().size()];
        int i = 0;
        for (String c : t.text()) {
            row[i++] = rs.getString(c);
        }
        for (String c : t.integers()) {
            long v = rs.getLong(c);
            row[i++] = rs.wasNull() ? null : v;
        }
        return row;
    }

    private static Set<List<Object>> keys(Handle h, Table t) {
        Set<List<Object>> keys = new HashSet<>();
        h.createQuery("SELECT " + String.join(", ", t.key()) + " FROM " + t.name())
                .map((rs, ctx) -> {
                    List<Object> key = new ArrayList<>();
                    for (String c : t.key()) {
                        key.add(t.integers().contains(c) ? (Object) rs.getLong(c) : rs.getString(c));
                    }
                    return key;
                })
                .forEach(keys::add);
        return keys;
    }

    private static List<Object> key(Table t, Object[] row) {
        List<String> columns = t.columns();
        List<Object> key = new ArrayList<>();
        for (String c : t.key()) {
            key.add(row[columns.indexOf(c)]);
        }
        return key;
    }

    /** Rows added (a row both held, merged, is not counted). */
    private static int insert(Handle tx, Table t, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        Set<List<Object>> existing = keys(tx, t);
        String placeholders = String.join(", ", t.columns().stream().map(c -> "?").toList());
        String sql = "INSERT INTO " + t.name() + " (" + String.join(", ", t.columns()) + ") VALUES (" + placeholders + ") "
                + (t.onConflict() == null ? "" : t.onConflict());
        PreparedBatch batch = tx.prepareBatch(sql);
        for (Object[] row : rows) {
            if (t.onConflict() == null && existing.contains(key(t, row))) {
                continue;
            }
            for (int i = 0; i < row.length; i++) {
                batch.bind(i, row[i]);
            }
            batch.add();
        }
        if (batch.size() > 0) {
            batch.execute();
        }
        // Counted, not inferred: a row the target refused (its own ACTIVE key) was not added.
        int after = tx.createQuery("SELECT COUNT(*) FROM " + t.name()).mapTo(Integer.class).one();
        return after - existing.size();
    }
}
