package dev.authbridge.lockout;

import dev.authbridge.store.Columns;
import dev.authbridge.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The {@link LockoutStore} in the {@link Database} (tables {@code login_failures} and
 * {@code lockouts}, migrations v5 and v8), one SQL for every engine. Recording a failure is one
 * write transaction that first takes the key's {@link Database#lock lock}: concurrent failures
 * for one key, from any process, run one after the other, so exactly one of them starts the
 * lockout, the count is exact and strikes are never counted twice. (No row can carry that
 * decision: a key has no row before its first lockout.)
 */
public final class SqlLockoutStore implements LockoutStore {
    private static final String COLUMNS = "kind, key, label, strikes, locked_at, locked_until";
    private static final RowMapper<Lockout> ROW = (rs, ctx) -> read(rs);
    private static final String FIND_EITHER =
            "SELECT " + COLUMNS + " FROM lockouts WHERE (kind = ? AND key = ?) OR (kind = ? AND key = ?)";
    private static final String STANDING = "SELECT " + COLUMNS + ", 0 AS failures FROM lockouts "
            + "WHERE (kind = ? AND key = ?) OR (kind = ? AND key = ?) "
            + "UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, 1 "
            + "WHERE EXISTS (SELECT 1 FROM login_failures WHERE kind = ? AND key = ?)";

    private static Lockout read(ResultSet rs) throws SQLException {
        return new Lockout(
                LockoutKind.valueOf(rs.getString("kind")),
                rs.getString("key"),
                rs.getString("label"),
                rs.getInt("strikes"),
                Columns.instant(rs, "locked_at"),
                Columns.instant(rs, "locked_until"));
    }

    private final Database db;

    public SqlLockoutStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Lockout> find(LockoutKind kind, String key) {
        return db.call("findLockout", h -> find(h, kind, key));
    }

    @Override
    public List<Lockout> findEither(LockoutKind kind, String key, String addressKey) {
        return db.query("findLockouts", FIND_EITHER, rs -> {
            List<Lockout> lockouts = new ArrayList<>(2);
            while (rs.next()) {
                lockouts.add(read(rs));
            }
            return lockouts;
        }, kind.name(), key, kind.addressKind().name(), addressKey);
    }

    @Override
    public Standing standing(LockoutKind kind, String key, String addressKey) {
        // One statement instead of two reads (the lockouts, then the failures after the bind):
        // the lockout rows, and one marker row when the key has failures.
        return db.query("lockoutStanding", STANDING, rs -> {
            List<Lockout> lockouts = new ArrayList<>(2);
            boolean failures = false;
            while (rs.next()) {
                if (rs.getInt("failures") == 1) {
                    failures = true;
                } else {
                    lockouts.add(read(rs));
                }
            }
            return new Standing(lockouts, failures);
        }, kind.name(), key, kind.addressKind().name(), addressKey, kind.name(), key);
    }

    @Override
    public Optional<Lockout> recordFailure(LockoutKind kind, String key, String label, Instant at,
            LockoutPolicy policy) {
        return db.write("recordFailure", tx -> {
            db.lock(tx, "lockout " + kind.name() + " " + key);
            tx.execute("INSERT INTO login_failures (kind, key, label, at) VALUES (?, ?, ?, ?)", kind.name(), key, label, at);
            Optional<Lockout> previous = find(tx, kind, key);
            if (previous.isPresent() && previous.get().isActive(at)) {
                return Optional.<Lockout>empty();
            }
            if (count(tx, kind, key, at.minus(policy.window())) < policy.maxFailures()) {
                return Optional.<Lockout>empty();
            }
            Lockout next = policy.next(kind, key, label, at, previous);
            tx.execute("INSERT INTO lockouts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT (kind, key) DO UPDATE SET label = excluded.label, strikes = excluded.strikes, "
                            + "locked_at = excluded.locked_at, locked_until = excluded.locked_until",
                    kind.name(), key, label, next.strikes(), next.lockedAt(), next.lockedUntil());
            tx.execute("DELETE FROM login_failures WHERE kind = ? AND key = ?", kind.name(), key);
            return Optional.of(next);
        });
    }

    @Override
    public int failuresSince(LockoutKind kind, String key, Instant since) {
        return db.call("countFailures", h -> count(h, kind, key, since));
    }

    @Override
    public void clearFailures(LockoutKind kind, String key) {
        // Called after every successful sign-in, and almost always there is nothing to forget:
        // a read (parallel in SQLite's WAL mode) spares the sign-in a write transaction.
        boolean any = db.call("hasFailures", h -> h.createQuery(
                        "SELECT EXISTS (SELECT 1 FROM login_failures WHERE kind = ? AND key = ?)")
                .bind(0, kind.name()).bind(1, key).mapTo(Boolean.class).one());
        if (any) {
            db.update("clearFailures", "DELETE FROM login_failures WHERE kind = ? AND key = ?", kind.name(), key);
        }
    }

    @Override
    public List<Lockout> list(Instant endingAfter) {
        return db.call("listLockouts", h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM lockouts WHERE locked_until > ? ORDER BY locked_until DESC, kind, key")
                .bind(0, endingAfter)
                .map(ROW)
                .list());
    }

    @Override
    public int clear(LockoutKind kind, String key) {
        return db.write("clearLockout", tx -> {
            tx.execute("DELETE FROM login_failures WHERE kind = ? AND key = ?", kind.name(), key);
            return tx.execute("DELETE FROM lockouts WHERE kind = ? AND key = ?", kind.name(), key);
        });
    }

    @Override
    public int clearLabelled(LockoutKind kind, String label) {
        return db.write("clearLabelledLockouts", tx -> {
            tx.execute("DELETE FROM login_failures WHERE kind = ? AND key IN "
                    + "(SELECT key FROM lockouts WHERE kind = ? AND label = ?)", kind.name(), kind.name(), label);
            tx.execute("DELETE FROM login_failures WHERE kind = ? AND label = ?", kind.name(), label);
            return tx.execute("DELETE FROM lockouts WHERE kind = ? AND label = ?", kind.name(), label);
        });
    }

    @Override
    public int clearAll() {
        return db.write("clearAllLockouts", tx -> {
            tx.execute("DELETE FROM login_failures");
            return tx.execute("DELETE FROM lockouts");
        });
    }

    @Override
    public int purge(Instant failuresBefore, Instant lockoutsBefore) {
        return db.write("purgeLockouts", tx ->
                tx.execute("DELETE FROM login_failures WHERE at < ?", failuresBefore)
                        + tx.execute("DELETE FROM lockouts WHERE locked_until < ?", lockoutsBefore));
    }

    private static Optional<Lockout> find(Handle h, LockoutKind kind, String key) {
        return h.createQuery("SELECT " + COLUMNS + " FROM lockouts WHERE kind = ? AND key = ?")
                .bind(0, kind.name())
                .bind(1, key)
                .map(ROW)
                .findOne();
    }

    private static int count(Handle h, LockoutKind kind, String key, Instant since) {
        return h.createQuery("SELECT COUNT(*) FROM login_failures WHERE kind = ? AND key = ? AND at > ?")
                .bind(0, kind.name())
                .bind(1, key)
                .bind(2, since)
                .mapTo(Integer.class)
                .one();
    }
}
