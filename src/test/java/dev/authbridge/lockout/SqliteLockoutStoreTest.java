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
    private Database peer;

    @Override
    protected LockoutStore openStore() {
        db = Database.open(new StoreConfig(dir.resolve("lockouts.db"), Duration.ofSeconds(5), Duration.ofMinutes(1)));
        return new SqlLockoutStore(db);
    }

    @Override
    protected LockoutStore openPeerStore() {
        peer = Database.open(new StoreConfig(dir.resolve("lockouts.db"), Duration.ofSeconds(5), Duration.ofMinutes(1)));
        return new SqlLockoutStore(peer);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
        if (peer != null) {
            peer.close();
        }
    }
}
