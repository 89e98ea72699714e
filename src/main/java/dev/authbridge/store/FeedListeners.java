package dev.authbridge.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The subscribers of a {@link ChangeFeed}, each one's failure kept from the others. */
final class FeedListeners {
    private static final Logger log = LoggerFactory.getLogger(FeedListeners.class);

    private record Subscriber(String topic, Consumer<String> changed) {}

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    void add(String topic, Consumer<String> changed) {
        subscribers.add(new Subscriber(topic, changed));
    }

    boolean isEmpty() {
        return subscribers.isEmpty();
    }

    void changed(String topic, String key) {
        for (Subscriber s : subscribers) {
            if (s.topic().equals(topic)) {
                tell(s, key);
            }
        }
    }

    /** Changes may have been missed: every subscriber hears that everything of its topic changed. */
    void missed() {
        subscribers.forEach(s -> tell(s, ChangeFeed.EVERYTHING));
    }

    private static void tell(Subscriber s, String key) {
        try {
            s.changed().accept(key);
        } catch (RuntimeException e) {
            log.warn("a subscriber of {} changes failed: {}", s.topic(), e.toString());
        }
    }
}
