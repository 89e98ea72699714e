package dev.authbridge.web;

import dev.authbridge.lockout.LockoutKeys;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How many of something (open connections, requests in progress) each client address holds,
 * against one cap. An IPv6 address counts by its /64, as the lockout does ({@link
 * LockoutKeys#address}): one subscriber holds a whole /64. An address is forgotten when its
 * count falls to zero, so the map never holds more entries than there are live things counted.
 */
final class AddressCounts {
    private final int max;
    private final ConcurrentMap<String, Integer> counts = new ConcurrentHashMap<>();

    AddressCounts(int max) {
        this.max = max;
    }

    /** The key {@code address} is counted under. */
    static String key(InetAddress address) {
        return LockoutKeys.address(address.getHostAddress());
    }

    /** Counts one more for {@code key}, unless it already holds the cap; false then. */
    boolean tryAcquire(String key) {
        boolean[] acquired = {false};
        counts.compute(key, (k, n) -> {
            int current = n == null ? 0 : n;
            if (current >= max) {
                return n;
            }
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0];
    }

    void release(String key) {
        counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Addresses holding at least one (for tests of the bound on memory). */
    int addresses() {
        return counts.size();
    }
}
