package dev.authbridge.config;

import java.time.Duration;

/**
 * How much of the HTTP listener one client, or all of them, may hold: what stops slow or
 * numerous connections from taking every worker thread, connection slot or byte of memory. The
 * defaults are safe for a listener on the internet.
 *
 * @param maxHeaderBytes the request line and headers together; more is 431 (414 for a long URI)
 * @param idleTimeout a connection that sends nothing this long is closed
 * @param headerTimeout a request's line and headers must arrive within this, from their first byte
 * @param bodyTimeout a request body must arrive whole within this (408)
 * @param minRequestDataRate bytes per second below which a body upload is cut off (408); 0 = no check
 * @param maxConnections open connections in all; beyond, new ones wait in the accept queue
 * @param maxConnectionsPerAddress open connections from one peer address; through a trusted proxy,
 *     requests in progress for one client address (its {@code X-Forwarded-For})
 * @param maxConcurrentRequests requests handled at once; more wait (without a thread) for
 *     {@link #QUEUE_TIMEOUT}, then 503
 */
public record HttpLimits(int maxHeaderBytes, Duration idleTimeout, Duration headerTimeout, Duration bodyTimeout,
        long minRequestDataRate, int maxConnections, int maxConnectionsPerAddress, int maxConcurrentRequests) {

    /** How long a request waits for one of the {@code maxConcurrentRequests} places. */
    public static final Duration QUEUE_TIMEOUT = Duration.ofSeconds(10);

    public static final HttpLimits DEFAULTS = new HttpLimits(8 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ofSeconds(20), 512, 4096, 128, 200);
}
