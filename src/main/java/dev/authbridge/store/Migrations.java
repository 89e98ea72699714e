package dev.authbridge.store;

import org.jdbi.v3.core.Jdbi;

/**
 * Brings a store's schema up to the latest of its {@link Dialect#migrations() steps}, one step
 * per transaction together with its version bump, so a crash leaves the store at a whole version.
 * Each step's transaction first takes the {@value #LOCK} lock and re-reads the version: of
 * several processes starting at once on one store, one applies the step and the others find it
 * applied.
 */
public final class Migrations {
    /** The {@link Dialect#lock} every migration step takes. */
    public static final String LOCK = "authbridge schema";

    private Migrations() {}

    /** Brings the store up to its dialect's latest version; does nothing when it is already there. */
    public static void migrate(Jdbi jdbi, Dialect dialect) {
        migrate(jdbi, dialect, dialect.migrations().size());
    }

    /**
     * Brings the store up to {@code target}; tests use it to build stores of older versions.
     *
     * @throws StoreUnavailableException when the store is at a version newer than this build knows
     */
    public static void migrate(Jdbi jdbi, Dialect dialect, int target) {
        int latest = dialect.migrations().size();
        int found = jdbi.withHandle(dialect::schemaVersion);
        if (found > latest) {
            throw new StoreUnavailableException(
                    "store schema version " + found + " is newer than this build supports ("
                            + latest + "); refusing to use it",
                    null, "the store's schema is newer than this build");
        }
        for (int next = found + 1; next <= target; next++) {
            int version = next;
            jdbi.useTransaction(handle -> {
                dialect.lock(handle, LOCK);
                // Re-read under the lock: another process may have applied it meanwhile.
                if (dialect.schemaVersion(handle) >= version) {
                    return;
                }
                for (String sql : dialect.migrations().get(version - 1)) {
                    handle.execute(sql);
                }
                dialect.setSchemaVersion(handle, version);
            });
        }
    }
}
