package dev.authbridge.token;

import dev.authbridge.testing.PostgresStores;

/** {@link TokenStoreContract} on a real PostgreSQL database (the suite's shared server), emptied per test. */
class PostgresTokenStoreTest extends TokenStoreContract {
    private static final PostgresStores PG = PostgresStores.create("tokens");

    @Override
    protected TokenStore openStore() {
        PG.truncate();
        return SqlTokenStore.open(PG.config());
    }

    @Override
    protected TokenStore openPeerStore() {
        return SqlTokenStore.open(PG.config());
    }
}
