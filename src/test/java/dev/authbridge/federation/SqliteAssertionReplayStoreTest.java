package dev.authbridge.federation;

import dev.authbridge.config.StoreConfig;
import dev.authbridge.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** {@link AssertionReplayStoreContract} on a real SQLite file, a second instance being a second {@link Database} on it. */
class SqliteAssertionReplayStoreTest extends AssertionReplayStoreContract {
    @TempDir
    Path dir;

    private Database db;
    private Database peer;

    private StoreConfig file() {
        return new StoreConfig(dir.resolve("replays.db"), Duration.ofSeconds(5), Duration.ofMinutes(1));
    }

    @Override
    protected AssertionReplayStore openStore() {
        db = Database.open(file());
        return new SqlAssertionReplayStore(db);
    }

    @Override
    protected AssertionReplayStore openPeerStore() {
        peer = Database.open(file());
        return new SqlAssertionReplayStore(peer);
    }

    @AfterEach
    void closeDatabases() {
        db.close();
        if (peer != null) {
            peer.close();
        }
    }
}
