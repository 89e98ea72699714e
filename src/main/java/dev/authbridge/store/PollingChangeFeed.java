package dev.authbridge.store;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ChangeFeed} of a SQLite file: a change is a row of {@code changes}, which every
 * process on the file (a server, a {@code keys rotate} beside it) reads every
 * {@link #POLL_EVERY} from the last id it saw — a read, which WAL mode runs beside the writer.
 * Rows are kept {@link #RETENTION}, then deleted by the poller. A process that could not read
 * for a while tells its subscribers that anything may have changed.
 */
final class PollingChangeFeed implements ChangeFeed {
    static final Duration POLL_EVERY = Duration.ofMillis(250);
    static final Duration RETENTION = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(PollingChangeFeed.class);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private record Row(long id, String topic, String key) {}

    private final Database db;
    private final Clock clock;
    private final FeedListeners listeners = new FeedListeners();
    private volatile boolean closed;
    private Thread thread;

    PollingChangeFeed(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void publish(String topic, String key) {
        if (closed) {
            return;
        }
        try {
            db.update("publishChange", "INSERT INTO changes (topic, key, at) VALUES (?, ?, ?)", topic, key,
                    clock.instant());
        } catch (StoreUnavailableException e) {
            log.warn("could not tell the other processes that a {} changed: {}", topic, e.reason());
        }
    }

    @Override
    public synchronized void subscribe(String topic, Consumer<String> changed) {
        listeners.add(topic, changed);
        if (thread == null && !closed) {
            thread = new Thread(this::poll, "store-change-feed");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void poll() {
        long seen = -1;
        boolean failing = false;
        long nextPurge = System.nanoTime();
        while (!closed) {
            try {
                if (seen < 0) {
                    seen = db.call("lastChange", h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM changes")
                            .mapTo(Long.class).one());
                }
                long after = seen;
                List<Row> rows = db.call("readChanges", h -> h.createQuery(
                                "SELECT id, topic, key FROM changes WHERE id > ? ORDER BY id LIMIT 1000")
                        .bind(0, after)
                        .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("topic"), rs.getString("key")))
                        .list());
                if (failing) {
                    failing = false;
                    listeners.missed();
                }
                for (Row row : rows) {
                    listeners.changed(row.topic(), row.key());
                    seen = row.id();
                }
                if (System.nanoTime() - nextPurge > 0) {
                    db.update("purgeChanges", "DELETE FROM changes WHERE at < ?", clock.instant().minus(RETENTION));
                    nextPurge = System.nanoTime() + PURGE_EVERY.toNanos();
                }
            } catch (StoreUnavailableException e) {
                if (!failing && !closed) {
                    log.debug("reading the store's changes failed: {}", e.getMessage());
                }
                failing = true;
            }
            try {
                Thread.sleep(POLL_EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
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
