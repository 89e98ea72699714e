package dev.authbridge.web;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Applies {@link TrustedProxies} inside Jetty, before any handler runs: for a request from a
 * trusted proxy, the remote address, scheme and host every layer sees ({@code ctx.ip()},
 * {@code ctx.scheme()}, {@code ctx.host()}) are the client's as the proxy reported them. Jetty's
 * own {@code ForwardedRequestCustomizer} is not used: it believes these headers from anyone.
 */
final class ForwardedHeaders implements HttpConfiguration.Customizer {
    /** Request attribute set to {@code Boolean.TRUE} when the peer is a trusted proxy. */
    static final String VIA_TRUSTED_PROXY = "authbridge.viaTrustedProxy";

    private final TrustedProxies proxies;

    ForwardedHeaders(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        if (proxies.isEmpty()) {
            return request;
        }
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(remote instanceof InetSocketAddress peer) || peer.getAddress() == null) {
            return request;
        }
        HttpFields headers = request.getHeaders();
        TrustedProxies.Forwarded forwarded = proxies.resolve(peer.getAddress(),
                headers.getValuesList("X-Forwarded-For"), headers.get("X-Forwarded-Proto"),
                headers.get("X-Forwarded-Host"), headers.get("X-Forwarded-Port"));
        if (forwarded == null) {
            return request;
        }
        request.setAttribute(VIA_TRUSTED_PROXY, Boolean.TRUE);
        HttpURI.Mutable uri = HttpURI.build(request.getHttpURI());
        String scheme = forwarded.scheme() != null ? forwarded.scheme() : uri.getScheme();
        uri.scheme(scheme);
        if (forwarded.host() != null) {
            uri.host(forwarded.host());
            uri.port(forwarded.port());
        } else if (forwarded.port() > 0) {
            uri.port(forwarded.port());
        }
        HttpURI customized = uri.asImmutable();
        boolean secure = "https".equalsIgnoreCase(scheme);
        InetSocketAddress client = new InetSocketAddress(forwarded.client(), peer.getPort());
        ConnectionMetaData meta = new ConnectionMetaData.Wrapper(request.getConnectionMetaData()) {
            @Override
            public SocketAddress getRemoteSocketAddress() {
                return client;
            }

            @Override
            public boolean isSecure() {
                return secure;
            }
        };
        return new Request.Wrapper(request) {
            @Override
            public HttpURI getHttpURI() {
                return customized;
            }

            @Override
            public ConnectionMetaData getConnectionMetaData() {
                return meta;
            }

            @Override
            public boolean isSecure() {
                return secure;
            }
        };
    }
}
