package dev.authbridge.web;

import dev.authbridge.config.HttpLimits;
import dev.authbridge.config.ServerConfig;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.server.handler.QoSHandler;

/**
 * The bounds every connection and request meets before a route runs ({@link HttpLimits}), set
 * up on Javalin's Jetty: on the listener, the idle timeout, {@code server.maxConnections}
 * (Jetty's {@link NetworkConnectionLimit}: beyond it Jetty stops accepting, and idle connections
 * get the header timeout as their idle timeout), the per-address cap ({@link ConnectionCaps}) and
 * the header deadline ({@link HeaderDeadline}); in front of Javalin, a chain of handlers —
 * {@link RequestGate}, the per-client request cap ({@link ClientRequestCaps}), the minimum upload
 * rate (Jetty's {@link MinimumDataRateHandler}), the whole body read without a thread ({@link
 * BodyBuffer}), and {@code server.maxConcurrentRequests} (Jetty's {@link QoSHandler}: more wait
 * without a thread, then 503). Whatever Jetty itself refuses is answered by {@link JettyErrors}.
 */
final class FrontDoor {
    private FrontDoor() {}

    /** The listener: HTTPS with {@code server.tls}, else plain HTTP; with its connection bounds. */
    static ServerConnector connector(Server server, HttpConfiguration http, ServerConfig config, TrustedProxies proxies) {
        ServerConnector connector = config.tls() != null ? TlsConnector.create(server, http, config)
                : new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        HttpLimits limits = config.limits();
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        NetworkConnectionLimit all = new NetworkConnectionLimit(limits.maxConnections(), connector);
        all.setEndPointIdleTimeout(limits.headerTimeout().toMillis());
        server.addBean(all);
        connector.addBean(new ConnectionCaps(limits.maxConnectionsPerAddress(), proxies));
        connector.addBean(new HeaderDeadline(connector, limits.headerTimeout()));
        return connector;
    }

    /** The handlers in front of Javalin's, outermost first; the innermost one's next is left empty. */
    static Handler.Singleton handlers(ServerConfig config) {
        HttpLimits limits = config.limits();
        QoSHandler concurrency = new QoSHandler();
        concurrency.setMaxRequestCount(limits.maxConcurrentRequests());
        concurrency.setMaxSuspendedRequestCount(limits.maxConnections());
        concurrency.setMaxSuspend(HttpLimits.QUEUE_TIMEOUT);
        EagerContentHandler body = new EagerContentHandler(concurrency,
                new BodyBuffer(config.maxBodyBytes(), limits.bodyTimeout()));
        Handler.Singleton reading = limits.minRequestDataRate() > 0
                ? new MinimumDataRateHandler(body, limits.minRequestDataRate(), 0) : body;
        ClientRequestCaps perClient = new ClientRequestCaps(limits.maxConnectionsPerAddress());
        perClient.setHandler(reading);
        RequestGate gate = new RequestGate();
        gate.setHandler(perClient);
        return gate;
    }
}
