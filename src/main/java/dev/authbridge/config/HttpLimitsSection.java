package dev.authbridge.config;

import java.time.Duration;

/** Reads the {@link HttpLimits} keys of {@code server} (all optional, each with a safe default). */
final class HttpLimitsSection {
    private HttpLimitsSection() {}

    static HttpLimits read(ConfigNode server) {
        HttpLimits d = HttpLimits.DEFAULTS;
        long header = server.parsed("maxHeaderSize", (long) d.maxHeaderBytes(), ConfigValues::bytes,
                "a size such as 8KiB");
        if (header < 1024 || header > 64 * 1024) {
            server.problem("maxHeaderSize", "must be between 1KiB and 64KiB");
            header = d.maxHeaderBytes();
        }
        Duration idle = timeout(server, "idleTimeout", d.idleTimeout());
        Duration headers = timeout(server, "headerTimeout", d.headerTimeout());
        Duration body = timeout(server, "bodyTimeout", d.bodyTimeout());
        long rate = server.parsed("minRequestDataRate", d.minRequestDataRate(), ConfigValues::bytes,
                "a size per second such as 512 or 1KiB (0 for no check)");
        if (rate < 0) {
            server.problem("minRequestDataRate", "must not be negative");
            rate = d.minRequestDataRate();
        }
        int connections = server.integer("maxConnections", d.maxConnections(), 1, 1_000_000);
        int perAddress = server.integer("maxConnectionsPerAddress", d.maxConnectionsPerAddress(), 1, 1_000_000);
        if (perAddress > connections) {
            server.problem("maxConnectionsPerAddress", perAddress + " is more than maxConnections (" + connections + ")");
        }
        int requests = server.integer("maxConcurrentRequests", d.maxConcurrentRequests(), 1, 100_000);
        return new HttpLimits((int) header, idle, headers, body, rate, connections, perAddress, requests);
    }

    private static Duration timeout(ConfigNode node, String key, Duration fallback) {
        Duration d = node.parsed(key, fallback, ConfigValues::duration, "a duration such as 10s");
        if (d.compareTo(Duration.ofMillis(100)) < 0 || d.compareTo(Duration.ofHours(1)) > 0) {
            node.problem(key, "must be between 100ms and 1h");
            return fallback;
        }
        return d;
    }
}
