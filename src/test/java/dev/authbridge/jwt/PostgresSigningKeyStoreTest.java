package dev.authbridge.jwt;

import dev.authbridge.store.Database;
import dev.authbridge.testing.PostgresStores;
import org.junit.jupiter.api.AfterEach;

/** {@link SigningKeyStoreContract} on a real PostgreSQL database (the suite's shared server), emptied per test. */
class PostgresSigningKeyStoreTest extends SigningKeyStoreContract {
    private static final PostgresStores PG = PostgresStores.create("keys");

    private Database db;
    private Database peer;

    @Override
    protected SigningKeyStore openStore() {
        db = PG.openEmpty();
        return new SqlSigningKeyStore(db);
    }

    @Override
    protected SigningKeyStore openPeerStore() {
        peer = Database.open(PG.config());
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
