package dev.authbridge.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ChangeFeed} over PostgreSQL's {@code NOTIFY} on the channel {@value #CHANNEL}
 * (payload {@code topic:key}), heard by {@code LISTEN} on a connection of its own outside the
 * pool (it is held for good). The listening thread waits for notifications a bounded time
 * ({@code getNotifications(timeout)}), checks its connection now and then (a server gone without
 * a word), and after a failure connects again after a growing pause of at most
 * {@link #MAX_PAUSE}; each (re)connection tells the subscribers that anything may have changed,
 * since a notification sent meanwhile was lost.
 */
final class PostgresChangeFeed implements ChangeFeed {
    static final String CHANNEL = "authbridge_changes";
    private static final Logger log = LoggerFactory.getLogger(PostgresChangeFeed.class);
    private static final int WAIT_MILLIS = 250;
    private static final Duration CHECK_EVERY = Duration.ofSeconds(5);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(2);
    /** NOTIFY payloads must stay under 8000 bytes; a longer key is sent as {@link #EVERYTHING}. */
    private static final int MAX_KEY_LENGTH = 2000;

    private final Database db;
    private final PostgresDialect dialect;
    private final FeedListeners listeners = new FeedListeners();
    private volatile boolean closed;
    private Thread thread;
    private volatile Connection listening;

    PostgresChangeFeed(Database db, PostgresDialect dialect) {
        this.db = db;
        this.dialect = dialect;
    }

    @Override
    public void publish(String topic, String key) {
        if (closed) {
            return;
        }
        String payload = topic + ":" + (key.length() > MAX_KEY_LENGTH ? EVERYTHING : key);
        try {
            db.call("publishChange", h -> h.createQuery("SELECT 1 FROM (SELECT pg_notify(?, ?)) AS sent")
                    .bind(0, CHANNEL)
                    .bind(1, payload)
                    .mapTo(Integer.class)
                    .one());
        } catch (StoreUnavailableException e) {
            log.warn("could not tell the other instances that a {} changed: {}", topic, e.reason());
        }
    }

    @Override
    public synchronized void subscribe(String topic, Consumer<String> changed) {
        listeners.add(topic, changed);
        if (thread == null && !closed) {
            thread = new Thread(this::listen, "store-change-feed");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void listen() {
        long pause = 100;
        boolean failedBefore = false;
        while (!closed) {
            try (Connection connection = dialect.connect()) {
                listening = connection;
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                if (failedBefore) {
                    log.info("listening to the store's changes again");
                }
                failedBefore = false;
                pause = 100;
                listeners.missed();
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!failedBefore) {
                    log.warn("not hearing the store's changes ({}); trying again", e.getMessage());
                }
                failedBefore = true;
            } finally {
                listening = null;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
            pause = Math.min(pause * 2, MAX_PAUSE.toMillis());
        }
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long nextCheck = System.nanoTime() + CHECK_EVERY.toNanos();
        while (!closed) {
            PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
            if (received != null) {
                for (PGNotification n : received) {
                    String payload = n.getParameter();
                    int colon = payload.indexOf(':');
                    if (colon > 0) {
                        listeners.changed(payload.substring(0, colon), payload.substring(colon + 1));
                    }
                }
            }
            if (System.nanoTime() - nextCheck > 0) {
                // A server that vanished without closing the connection sends no error: ask.
                try (Statement s = connection.createStatement()) {
                    s.execute("SELECT 1");
                }
                nextCheck = System.nanoTime() + CHECK_EVERY.toNanos();
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        Connection c = listening;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
