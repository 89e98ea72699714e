package dev.authbridge.config;

/**
 * The HTTP listener.
 *
 * @param maxBodyBytes requests with a larger body are refused with 413
 * @param publicUrl the external base URL clients reach authbridge at (scheme, host, port and an
 *     optional path prefix, no trailing slash), from which the issuer and every absolute URL
 *     authbridge hands out are built; {@code null} means the listener's own address
 *     ({@code http://host:port}), known once bound — see {@code dev.authbridge.web.PublicUrl}
 */
public record ServerConfig(String host, int port, long maxBodyBytes, String publicUrl) {}
