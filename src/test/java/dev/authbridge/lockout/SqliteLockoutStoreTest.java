package dev.authbridge.lockout;

import dev.authbridge.config.StoreConfig;
import dev.authbridge.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** {@link LockoutStoreContract} on a real SQLite file. */
class SqliteLockoutStoreTest extends LockoutStoreContract {
    @TempDir
    Path dir;

    private Database db;

    @Override
    protected LockoutStore openStore() {
        db = Database.open(new StoreConfig(dir.resolve("lockouts.db"), Duration.ofSeconds(5), Duration.ofMinutes(1)));
        return new SqlLockoutStore(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
