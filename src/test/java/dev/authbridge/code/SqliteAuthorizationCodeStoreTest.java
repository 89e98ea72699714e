package dev.authbridge.code;

import dev.authbridge.config.StoreConfig;
import dev.authbridge.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** {@link AuthorizationCodeStoreContract} on a real SQLite file. */
class SqliteAuthorizationCodeStoreTest extends AuthorizationCodeStoreContract {
    @TempDir
    Path dir;

    private Database db;
    private Database peer;

    @Override
    protected AuthorizationCodeStore openStore() {
        db = Database.open(new StoreConfig(dir.resolve("codes.db"), Duration.ofSeconds(5), Duration.ofMinutes(1)));
        return new SqlAuthorizationCodeStore(db);
    }

    @Override
    protected AuthorizationCodeStore openPeerStore() {
        peer = Database.open(new StoreConfig(dir.resolve("codes.db"), Duration.ofSeconds(5), Duration.ofMinutes(1)));
        return new SqlAuthorizationCodeStore(peer);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
        if (peer != null) {
            peer.close();
        }
    }
}
