package dev.authbridge.token;

import dev.authbridge.store.Database;
import dev.authbridge.testing.PostgresStores;
import org.junit.jupiter.api.AfterEach;

/** {@link TokenAdminContract} on a real PostgreSQL database (the suite's shared server), emptied per test. */
class PostgresTokenAdminTest extends TokenAdminContract {
    private static final PostgresStores PG = PostgresStores.create("admin");

    private Database db;

    @Override
    protected Stores openStores() {
        db = PG.openEmpty();
        return new Stores(new SqlTokenStore(db), new SqlTokenAdmin(db));
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
