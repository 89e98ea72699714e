package dev.authbridge.store;

import dev.authbridge.config.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** {@link ChangeFeedContract} on one SQLite file opened twice, as a server and {@code keys rotate} beside it do. */
class SqliteChangeFeedTest extends ChangeFeedContract {
    @TempDir
    Path dir;

    @Override
    protected Database openDatabase() {
        return Database.open(new StoreConfig(dir.resolve("feed.db"), Duration.ofSeconds(5), Duration.ofMinutes(1)));
    }
}
