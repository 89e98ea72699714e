package dev.authbridge.store;

import java.util.function.Consumer;

/**
 * Tells every process on the store (every authbridge instance, and one-off commands such as
 * {@code keys rotate}) that something they keep in memory changed in the store: a user whose
 * cached directory entry must be dropped, signing keys to re-read. On PostgreSQL it is the
 * engine's {@code LISTEN}/{@code NOTIFY} ({@link PostgresChangeFeed}); on SQLite, a table the
 * processes on the file poll ({@link PollingChangeFeed}).
 *
 * <p>Invariants: a change published by any process reaches every subscriber of its topic,
 * this process's too, within about a second while the store answers. Delivery is not
 * guaranteed across an outage: after one, each subscriber is told {@link #EVERYTHING} changed.
 * Publishing never fails its caller: what it tells is a hint that shortens a cache's life,
 * never what decides whether a token is valid (the store's rows do). Keys are ids, never secrets.
 */
public interface ChangeFeed extends AutoCloseable {
    /** A user's cached directory entry; the key is the user's stable id (the token owner's subject). */
    String USERS = "user";
    /** The signing keys; the key is {@link #EVERYTHING}. */
    String SIGNING_KEYS = "signing-keys";
    /** The key that means any key of the topic may have changed. */
    String EVERYTHING = "";

    /** Tells every subscriber of {@code topic}, in every process, that {@code key} changed. */
    void publish(String topic, String key);

    /**
     * Calls {@code changed} (on the feed's own thread, so quickly) with each key of {@code topic}
     * published from now on, and with {@link #EVERYTHING} whenever changes may have been missed.
     */
    void subscribe(String topic, Consumer<String> changed);

    /** Stops listening; publishing after it does nothing. */
    @Override
    void close();
}
