package dev.authbridge.client;

import dev.authbridge.config.StoreConfig;
import dev.authbridge.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** {@link ClientStoreContract} on a real SQLite file. */
class SqliteClientStoreTest extends ClientStoreContract {
    @TempDir
    Path dir;

    private Database db;

    @Override
    protected ClientStore openStore() {
        db = Database.open(new StoreConfig(dir.resolve("clients.db"), Duration.ofSeconds(5), Duration.ofMinutes(1)));
        return new SqlClientStore(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
