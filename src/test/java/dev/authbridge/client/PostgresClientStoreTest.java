package dev.authbridge.client;

import dev.authbridge.store.Database;
import dev.authbridge.testing.PostgresStores;
import org.junit.jupiter.api.AfterEach;

/** {@link ClientStoreContract} on a real PostgreSQL database (the suite's shared server), emptied per test. */
class PostgresClientStoreTest extends ClientStoreContract {
    private static final PostgresStores PG = PostgresStores.create("clients");

    private Database db;

    @Override
    protected ClientStore openStore() {
        db = PG.openEmpty();
        return new SqlClientStore(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
