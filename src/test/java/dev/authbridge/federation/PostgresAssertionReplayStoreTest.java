package dev.authbridge.federation;

import dev.authbridge.store.Database;
import dev.authbridge.testing.PostgresStores;
import org.junit.jupiter.api.AfterEach;

/** {@link AssertionReplayStoreContract} on a real PostgreSQL database (the suite's shared server), emptied per test. */
class PostgresAssertionReplayStoreTest extends AssertionReplayStoreContract {
    private static final PostgresStores PG = PostgresStores.create("assertion_uses");

    private Database db;
    private Database peer;

    @Override
    protected AssertionReplayStore openStore() {
        db = PG.openEmpty();
        return new SqlAssertionReplayStore(db);
    }

    @Override
    protected AssertionReplayStore openPeerStore() {
        peer = Database.open(PG.config());
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
