package dev.authbridge.api;

import dev.authbridge.config.ServerConfig;

/**
 * The external base URL of authbridge (no trailing slash), from which the issuer and every
 * absolute URL it hands out are built: {@code server.publicUrl} when configured, otherwise the
 * listener's own address, known once the HTTP server is bound (a configured port 0 picks a
 * free one). Never taken from a request's {@code Host} or {@code X-Forwarded-*} headers: those
 * are chosen by the caller, and an issuer a caller can choose is no issuer.
 */
public final class PublicUrl {
    /** The vendor's path for its API, the same on every host: {@code /auth/v3}. */
    public static final String BASE_PATH = "/auth/v3";

    private final String configured;
    private final String host;
    private final String scheme;
    private volatile String listener;

    public PublicUrl(ServerConfig server) {
        this.configured = server.publicUrl();
        this.host = server.host();
        this.scheme = server.tls() == null ? "http" : "https";
    }

    /** A fixed URL (tests of components that need one without a server). */
    public static PublicUrl of(String url) {
        return new PublicUrl(new ServerConfig("127.0.0.1", 0, 0, url));
    }

    /** Called once the listener is bound; only matters when no URL is configured. */
    public void bound(int port) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        listener = scheme + "://" + h + ":" + port;
    }

    /** The base URL, e.g. {@code https://sso.example.com}. */
    public String base() {
        if (configured != null) {
            return configured;
        }
        String url = listener;
        if (url == null) {
            throw new IllegalStateException("the public URL is derived from the listener, which is not bound yet");
        }
        return url;
    }

    /** The API's base URL, which is also the issuer: {@link #base()} + {@link #BASE_PATH}. */
    public String api() {
        return base() + BASE_PATH;
    }
}
