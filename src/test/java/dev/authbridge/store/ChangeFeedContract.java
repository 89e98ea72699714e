package dev.authbridge.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChangeFeed} must do: a change published by one process on the store reaches
 * the subscribers of every other within a second, its own too, by topic. An implementation's test
 * says how to open two databases on one fresh store (two processes, two pools).
 */
abstract class ChangeFeedContract {
    /** The bound: another instance drops its cached user within one second. */
    static final Duration WITHIN = Duration.ofSeconds(1);

    private final List<AutoCloseable> opened = new ArrayList<>();
    protected Database first;
    protected Database second;

    /** A database on the store of this test; every call opens another pool on the same store. */
    protected abstract Database openDatabase();

    @BeforeEach
    void openBoth() {
        first = openDatabase();
        second = openDatabase();
        opened.add(first);
        opened.add(second);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    protected ChangeFeed feed(Database db) {
        ChangeFeed feed = db.changeFeed(new MutableClock(java.time.Instant.now()));
        opened.add(feed);
        return feed;
    }

    /** Subscribes and waits until the feed listens (it tells {@link ChangeFeed#EVERYTHING} first). */
    protected static BlockingQueue<String> heard(ChangeFeed feed, String topic) throws InterruptedException {
        BlockingQueue<String> keys = new LinkedBlockingQueue<>();
        feed.subscribe(topic, keys::add);
        return keys;
    }

    /**
     * Publishes until the listener hears what was published last (a feed may start listening a
     * moment after subscribe); changes arrive in order, so nothing of the warm-up is left after.
     */
    protected static void awaitListening(ChangeFeed publisher, BlockingQueue<String> keys) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (int round = 0; System.nanoTime() < deadline; round++) {
            String warmUp = "warm-up-" + round;
            publisher.publish(ChangeFeed.USERS, warmUp);
            long until = System.nanoTime() + Duration.ofMillis(500).toNanos();
            for (String key; (key = keys.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
                if (key.equals(warmUp)) {
                    keys.clear();
                    return;
                }
            }
        }
        throw new AssertionError("the feed never started listening");
    }

    protected static String next(BlockingQueue<String> keys) throws InterruptedException {
        String key = keys.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(key != null, "nothing heard within " + WITHIN);
        return key;
    }

    @Test
    void publishWhenAnotherProcessPublishesThenHeardWithinOneSecondInOrder() throws Exception {
        ChangeFeed listener = feed(first);
        ChangeFeed publisher = feed(second);
        BlockingQueue<String> users = heard(listener, ChangeFeed.USERS);
        awaitListening(publisher, users);

        long started = System.nanoTime();
        publisher.publish(ChangeFeed.USERS, "6f1c2d3e-0000-4000-8000-000000000101");
        publisher.publish(ChangeFeed.USERS, "cn=user:with:colons");

        assertEquals("6f1c2d3e-0000-4000-8000-000000000101", next(users));
        assertEquals("cn=user:with:colons", next(users));
        assertTrue(System.nanoTime() - started < WITHIN.toNanos(), "heard within a second");
    }

    @Test
    void publishWhenOtherTopicThenNotHeardAndOwnChangesHeardToo() throws Exception {
        ChangeFeed feed = feed(first);
        BlockingQueue<String> users = heard(feed, ChangeFeed.USERS);
        BlockingQueue<String> keys = heard(feed, ChangeFeed.SIGNING_KEYS);
        awaitListening(feed, users);
        keys.clear();

        feed.publish(ChangeFeed.SIGNING_KEYS, ChangeFeed.EVERYTHING);
        feed.publish(ChangeFeed.USERS, "u-1");

        assertEquals("u-1", next(users));
        assertEquals(ChangeFeed.EVERYTHING, next(keys));
        assertEquals(null, users.poll(300, TimeUnit.MILLISECONDS), "the key change is not the users'");
    }

    @Test
    void publishWhenClosedThenNothingAndNoFailure() {
        ChangeFeed feed = feed(first);
        feed.close();

        feed.publish(ChangeFeed.USERS, "u-1");
    }
}
