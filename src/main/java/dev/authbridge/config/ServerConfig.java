package dev.authbridge.config;

import java.util.List;

/**
 * The HTTP listener.
 *
 * @param maxBodyBytes requests with a larger body are refused with 413
 * @param publicUrl the external base URL clients reach authbridge at (scheme, host, port and an
 *     optional path prefix, no trailing slash), from which the issuer and every absolute URL
 *     authbridge hands out are built; {@code null} means the listener's own address
 *     ({@code http://host:port}), known once bound — see {@code api.PublicUrl}
 * @param tls HTTPS on this listener; {@code null} for plain HTTP (e.g. behind a TLS proxy)
 * @param trustedProxies peers whose {@code X-Forwarded-For/-Proto/-Host} headers are believed;
 *     from anyone else they are ignored, so the client address cannot be spoofed
 * @param limits timeouts, sizes and connection caps under hostile traffic
 */
public record ServerConfig(String host, int port, long maxBodyBytes, String publicUrl, TlsConfig tls,
        List<NetworkRange> trustedProxies, HttpLimits limits) {

    /** A plain HTTP listener that trusts no proxy, with the default limits. */
    public ServerConfig(String host, int port, long maxBodyBytes, String publicUrl) {
        this(host, port, maxBodyBytes, publicUrl, null, List.of(), HttpLimits.DEFAULTS);
    }

    /** The same listener on another port (0 picks a free one). */
    public ServerConfig withPort(int other) {
        return new ServerConfig(host, other, maxBodyBytes, publicUrl, tls, trustedProxies, limits);
    }

    /** The same listener behind another external base URL ({@code null}: its own address). */
    public ServerConfig withPublicUrl(String other) {
        return new ServerConfig(host, port, maxBodyBytes, other, tls, trustedProxies, limits);
    }

    /** The same listener with other HTTPS settings ({@code null}: plain HTTP). */
    public ServerConfig withTls(TlsConfig other) {
        return new ServerConfig(host, port, maxBodyBytes, publicUrl, other, trustedProxies, limits);
    }

    /** The same listener trusting other proxies. */
    public ServerConfig withTrustedProxies(List<NetworkRange> other) {
        return new ServerConfig(host, port, maxBodyBytes, publicUrl, tls, List.copyOf(other), limits);
    }

    /** The same listener with other limits. */
    public ServerConfig withLimits(HttpLimits other) {
        return new ServerConfig(host, port, maxBodyBytes, publicUrl, tls, trustedProxies, other);
    }
}
