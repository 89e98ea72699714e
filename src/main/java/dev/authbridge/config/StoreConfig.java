package dev.authbridge.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where every store lives: the SQLite file at {@code path} (the default), or the PostgreSQL
 * database of {@code postgres} when {@code store.url} is given; exactly one of the two is set.
 *
 * @param busyTimeout SQLite's wait for the file's write lock (unused with PostgreSQL)
 * @param purgeInterval how often expired rows are deleted
 */
public record StoreConfig(Path path, Duration busyTimeout, Duration purgeInterval, PostgresConfig postgres) {

    /** The SQLite file at {@code path}. */
    public StoreConfig(Path path, Duration busyTimeout, Duration purgeInterval) {
        this(path, busyTimeout, purgeInterval, null);
    }

    /** The PostgreSQL database of {@code postgres}. */
    public static StoreConfig postgres(PostgresConfig postgres, Duration purgeInterval) {
        return new StoreConfig(null, Duration.ofSeconds(5), purgeInterval, postgres);
    }

    public boolean isPostgres() {
        return postgres != null;
    }

    /** The file, or the server(s) and database: never a credential. */
    public String location() {
        return isPostgres() ? postgres.location() : path.toString();
    }
}
