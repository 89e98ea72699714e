package dev.authbridge.web;

import dev.authbridge.config.ServerConfig;
import dev.authbridge.config.TlsConfig;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTPS listener for {@code server.tls}: the key store loaded at start-up, TLS 1.2 and 1.3
 * only (RFC 8996 deprecates older versions; Jetty already excludes weak cipher suites), no
 * client certificates.
 */
final class TlsConnector {
    private TlsConnector() {}

    static ServerConnector create(Server server, HttpConfiguration base, ServerConfig config) {
        TlsConfig tls = config.tls();
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.keyStore());
        ssl.setKeyStorePassword(tls.keyStorePassword().reveal());
        ssl.setKeyManagerPassword(tls.keyPassword().reveal());
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        HttpConfiguration https = new HttpConfiguration(base);
        // First, so that the SNI check (the name a client asked for must be the certificate's)
        // sees the connection as it is, before forwarded headers are applied. HSTS is set by
        // HttpServer for every https answer, proxied or not.
        List<HttpConfiguration.Customizer> customizers = new ArrayList<>();
        customizers.add(new SecureRequestCustomizer());
        customizers.addAll(base.getCustomizers());
        https.setCustomizers(customizers);
        return new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
    }
}
