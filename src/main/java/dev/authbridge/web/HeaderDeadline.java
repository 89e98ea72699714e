package dev.authbridge.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code server.headerTimeout}: a request's line and headers must arrive whole within it, counted
 * from their first byte. Jetty's idle timeout alone does not bound this — a client sending one
 * header byte every few seconds is never idle — so once a second (at most a quarter of the
 * timeout) this looks at every open connection of the connector and closes those whose parser has
 * been inside one request's header block for longer. There is no request yet to answer: the
 * connection is closed, as nginx's {@code client_header_timeout} does.
 *
 * <p>Jetty 12 has no public hook for the start of a request, so this reads the parser's state
 * ({@link HttpParser#isStart}, {@link HttpParser#inHeaderState}) of its HTTP/1 connection. The
 * map of connections seen mid-header is swept each round: it never holds more than the open
 * connections.
 */
final class HeaderDeadline extends AbstractLifeCycle {
    private static final Logger log = LoggerFactory.getLogger(HeaderDeadline.class);

    private final AbstractConnector connector;
    private final long timeoutNanos;
    private final long periodMillis;
    private final Map<EndPoint, Started> midHeader = new ConcurrentHashMap<>();
    private volatile Scheduler.Task next;

    /** When a connection was first seen inside a header block, and how many requests it had by then. */
    private record Started(long nanos, long requests) {}

    HeaderDeadline(AbstractConnector connector, Duration timeout) {
        this.connector = connector;
        this.timeoutNanos = timeout.toNanos();
        this.periodMillis = Math.max(25, Math.min(1000, timeout.toMillis() / 4));
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = next;
        if (task != null) {
            task.cancel();
        }
        midHeader.clear();
    }

    private void schedule() {
        if (isRunning() || isStarting()) {
            next = connector.getScheduler().schedule(this::sweep, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void sweep() {
        try {
            long now = NanoTime.now();
            midHeader.keySet().removeIf(endPoint -> !endPoint.isOpen());
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                check(endPoint, now);
            }
        } catch (RuntimeException e) {
            log.warn("header deadline sweep failed: {}", e.toString());
        } finally {
            schedule();
        }
    }

    private void check(EndPoint endPoint, long now) {
        HttpConnection http = http(endPoint.getConnection());
        HttpParser parser = http == null ? null : http.getParser();
        if (parser == null || parser.isStart() || !parser.inHeaderState()) {
            midHeader.remove(endPoint);
            return;
        }
        long requests = http.getMessagesIn();
        Started started = midHeader.compute(endPoint, (e, s) -> s == null || s.requests() != requests
                ? new Started(now, requests) : s);
        if (NanoTime.elapsed(started.nanos(), now) > timeoutNanos) {
            midHeader.remove(endPoint);
            log.info("closed a connection from {}: its request headers took longer than server.headerTimeout",
                    endPoint.getRemoteSocketAddress());
            endPoint.close(new TimeoutException("request headers not received within server.headerTimeout"));
        }
    }

    private static HttpConnection http(Connection connection) {
        if (connection instanceof SslConnection tls) {
            connection = tls.getSslEndPoint().getConnection();
        }
        return connection instanceof HttpConnection http ? http : null;
    }

    int tracked() {
        return midHeader.size();
    }
}
