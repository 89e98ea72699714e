package dev.authbridge.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.authbridge.testing.PostgresStores;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link ChangeFeedContract} on PostgreSQL (LISTEN/NOTIFY), and a listener whose connection is cut. */
class PostgresChangeFeedTest extends ChangeFeedContract {
    private static final PostgresStores PG = PostgresStores.create("feed");

    @Override
    protected Database openDatabase() {
        return Database.open(PG.config());
    }

    @Test
    void subscribeWhenListeningConnectionCutThenEverythingChangedAndHeardAgain() throws Exception {
        ChangeFeed listener = feed(first);
        ChangeFeed publisher = feed(second);
        BlockingQueue<String> users = heard(listener, ChangeFeed.USERS);
        awaitListening(publisher, users);

        try (Connection c = PG.server().connectAsSuperuser("postgres"); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + PG.database()
                    + "' AND application_name = '" + PostgresDialect.LISTENER_NAME + "'");
        }

        String key = users.poll(5, TimeUnit.SECONDS);
        assertEquals(ChangeFeed.EVERYTHING, key, "after a gap, everything may have changed");
        awaitListening(publisher, users);
    }
}
