package dev.authbridge.session;

import dev.authbridge.config.StoreConfig;
import dev.authbridge.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** {@link BrowserSessionStoreContract} on a real SQLite file. */
class SqliteBrowserSessionStoreTest extends BrowserSessionStoreContract {
    @TempDir
    Path dir;

    private Database db;

    @Override
    protected BrowserSessionStore openStore() {
        db = Database.open(new StoreConfig(dir.resolve("sessions.db"), Duration.ofSeconds(5), Duration.ofMinutes(1)));
        return new SqlBrowserSessionStore(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
