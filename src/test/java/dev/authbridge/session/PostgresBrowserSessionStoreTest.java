package dev.authbridge.session;

import dev.authbridge.store.Database;
import dev.authbridge.testing.PostgresStores;
import org.junit.jupiter.api.AfterEach;

/** {@link BrowserSessionStoreContract} on a real PostgreSQL database (the suite's shared server), emptied per test. */
class PostgresBrowserSessionStoreTest extends BrowserSessionStoreContract {
    private static final PostgresStores PG = PostgresStores.create("sessions");

    private Database db;

    @Override
    protected BrowserSessionStore openStore() {
        db = PG.openEmpty();
        return new SqlBrowserSessionStore(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
