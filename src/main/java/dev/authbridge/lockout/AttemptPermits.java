package dev.authbridge.lockout;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Turns per key, in this process, so that a lockout's check, the password check and the count
 * of its outcome happen as one step: parallel guesses for one account are taken one after the
 * other, in their order of arrival, and none is checked once the one before it started a lockout.
 * An exclusive turn is alone; shared turns (a client whose secret already proved right only
 * reads the lockout) run together, never beside an exclusive one.
 *
 * <p>Bounded: a key has an entry only while an attempt holds or waits for its turn (memory grows
 * with requests in flight, never with keys seen), at most {@link #MAX_WAITING} attempts wait per
 * key, and each waits at most {@code maxWait}; beyond either it is refused
 * ({@link AttemptsBusyException}), so an attacker cannot park threads behind one account for long.
 */
final class AttemptPermits {
    /** Attempts that may wait behind the one in progress, per key. */
    static final int MAX_WAITING = 32;

    private static final class Slot {
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
        int attempts;
    }

    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    private final long maxWaitNanos;

    AttemptPermits(Duration maxWait) {
        this.maxWaitNanos = maxWait.toNanos();
    }

    /**
     * Waits for the key's turn; the caller closes the permit (on the same thread).
     *
     * @throws AttemptsBusyException when too many wait already, or the turn did not come in time
     */
    LoginThrottle.Permit enter(String key, boolean shared) {
        Slot slot = join(key);
        if (slot == null) {
            throw new AttemptsBusyException();
        }
        Lock lock = shared ? slot.lock.readLock() : slot.lock.writeLock();
        boolean acquired = false;
        try {
            acquired = lock.tryLock(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!acquired) {
            leave(key);
            throw new AttemptsBusyException();
        }
        return () -> {
            lock.unlock();
            leave(key);
        };
    }

    /** Keys with an attempt in progress or waiting (for tests: it drops to 0 when all are done). */
    int size() {
        return slots.size();
    }

    /** Attempts holding or waiting for the key's turn (for tests). */
    int attempts(String key) {
        Slot slot = slots.get(key);
        return slot == null ? 0 : slot.attempts;
    }

    private Slot join(String key) {
        Slot[] joined = {null};
        slots.compute(key, (k, existing) -> {
            Slot slot = existing == null ? new Slot() : existing;
            if (slot.attempts <= MAX_WAITING) {
                slot.attempts++;
                joined[0] = slot;
            }
            return slot;
        });
        return joined[0];
    }

    private void leave(String key) {
        slots.computeIfPresent(key, (k, slot) -> --slot.attempts == 0 ? null : slot);
    }
}
