package dev.authbridge.jwt;

import dev.authbridge.config.StoreConfig;
import dev.authbridge.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** {@link SigningKeyStoreContract} on a real SQLite file. */
class SqliteSigningKeyStoreTest extends SigningKeyStoreContract {
    @TempDir
    Path dir;

    private Database db;
    private Database peer;

    @Override
    protected SigningKeyStore openStore() {
        db = Database.open(new StoreConfig(dir.resolve("keys.db"), Duration.ofSeconds(5), Duration.ofMinutes(1)));
        return new SqlSigningKeyStore(db);
    }

    @Override
    protected SigningKeyStore openPeerStore() {
        peer = Database.open(new StoreConfig(dir.resolve("keys.db"), Duration.ofSeconds(5), Duration.ofMinutes(1)));
        return new SqlSigningKeyStore(peer);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
        if (peer != null) {
            peer.close();
        }
    }
}
