package dev.authbridge.token;

import dev.authbridge.config.StoreConfig;
import dev.authbridge.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** {@link TokenAdminContract} on a real SQLite file. */
class SqliteTokenAdminTest extends TokenAdminContract {
    @TempDir
    Path dir;

    private Database db;

    @Override
    protected Stores openStores() {
        db = Database.open(new StoreConfig(dir.resolve("admin.db"), Duration.ofSeconds(5), Duration.ofMinutes(1)));
        return new Stores(new SqlTokenStore(db), new SqlTokenAdmin(db));
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
