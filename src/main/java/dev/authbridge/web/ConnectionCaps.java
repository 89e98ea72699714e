package dev.authbridge.web;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.SelectableChannelEndPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code server.maxConnectionsPerAddress} for connections: a peer that already holds that many
 * open connections has the next one closed as soon as it is accepted, before it is read, so one
 * address cannot take the listener's connection slots ({@code server.maxConnections}) from
 * everyone else. A trusted proxy is not capped here: it carries many clients, and each of them is
 * capped by its {@code X-Forwarded-For} address per request ({@link ClientRequestCaps}).
 */
final class ConnectionCaps implements Connection.Listener {
    private static final Logger log = LoggerFactory.getLogger(ConnectionCaps.class);

    private final AddressCounts counts;
    private final TrustedProxies proxies;
    /** The connections counted, each under its key: what {@link #onClosed} gives back. */
    private final ConcurrentHashMap<Connection, String> counted = new ConcurrentHashMap<>();

    ConnectionCaps(int maxPerAddress, TrustedProxies proxies) {
        this.counts = new AddressCounts(maxPerAddress);
        this.proxies = proxies;
    }

    @Override
    public void onOpened(Connection connection) {
        // Over TLS the decrypted connection opens too, on top of the same socket: count the socket once.
        if (!(connection.getEndPoint() instanceof SelectableChannelEndPoint endPoint)
                || !(endPoint.getRemoteSocketAddress() instanceof InetSocketAddress peer) || peer.getAddress() == null
                || proxies.isTrusted(peer.getAddress())) {
            return;
        }
        String key = AddressCounts.key(peer.getAddress());
        if (counts.tryAcquire(key)) {
            counted.put(connection, key);
            return;
        }
        log.info("closed a connection from {}: it holds server.maxConnectionsPerAddress already", key);
        endPoint.close();
    }

    @Override
    public void onClosed(Connection connection) {
        String key = counted.remove(connection);
        if (key != null) {
            counts.release(key);
        }
    }

    Set<Connection> counted() {
        return counted.keySet();
    }
}
