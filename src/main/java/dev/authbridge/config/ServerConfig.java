package dev.authbridge.config;

/**
 * The HTTP listener.
 *
 * @param maxBodyBytes requests with a larger body are refused with 413
 */
public record ServerConfig(String host, int port, long maxBodyBytes) {}
