package dev.authbridge.code;

import dev.authbridge.store.Database;
import dev.authbridge.testing.PostgresStores;
import org.junit.jupiter.api.AfterEach;

/** {@link AuthorizationCodeStoreContract} on a real PostgreSQL database (the suite's shared server), emptied per test. */
class PostgresAuthorizationCodeStoreTest extends AuthorizationCodeStoreContract {
    private static final PostgresStores PG = PostgresStores.create("codes");

    private Database db;
    private Database peer;

    @Override
    protected AuthorizationCodeStore openStore() {
        db = PG.openEmpty();
        return new SqlAuthorizationCodeStore(db);
    }

    @Override
    protected AuthorizationCodeStore openPeerStore() {
        peer = Database.open(PG.config());
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
