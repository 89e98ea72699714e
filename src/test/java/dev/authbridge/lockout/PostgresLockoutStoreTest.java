package dev.authbridge.lockout;

import dev.authbridge.store.Database;
import dev.authbridge.testing.PostgresStores;
import org.junit.jupiter.api.AfterEach;

/** {@link LockoutStoreContract} on a real PostgreSQL database (the suite's shared server), emptied per test. */
class PostgresLockoutStoreTest extends LockoutStoreContract {
    private static final PostgresStores PG = PostgresStores.create("lockouts");

    private Database db;
    private Database peer;

    @Override
    protected LockoutStore openStore() {
        db = PG.openEmpty();
        return new SqlLockoutStore(db);
    }

    @Override
    protected LockoutStore openPeerStore() {
        peer = Database.open(PG.config());
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
