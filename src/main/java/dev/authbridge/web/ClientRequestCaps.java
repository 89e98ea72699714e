package dev.authbridge.web;

import java.net.InetSocketAddress;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code server.maxConnectionsPerAddress} for requests in progress, counted by the client's
 * address as {@link ForwardedHeaders} resolved it — through a trusted proxy, its {@code
 * X-Forwarded-For} client. A connection carries one request at a time, so for direct clients this
 * never binds before {@link ConnectionCaps} does; behind a proxy it is the per-client cap. One
 * more is 429, in the API's shape.
 */
final class ClientRequestCaps extends Handler.Wrapper {
    private final AddressCounts counts;

    ClientRequestCaps(int maxPerAddress) {
        this.counts = new AddressCounts(maxPerAddress);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!(request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress client)
                || client.getAddress() == null) {
            return super.handle(request, response, callback);
        }
        String key = AddressCounts.key(client.getAddress());
        if (!counts.tryAcquire(key)) {
            ErrorBody body = ErrorBody.forPath(429, ErrorBody.message(429), JettyErrors.path(request));
            JettyErrors.send(request, response, callback, body.with("Retry-After", "1"), false);
            return true;
        }
        // Given back before the request completes, so the client's next request finds its place.
        Callback release = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                counts.release(key);
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                counts.release(key);
                super.failed(x);
            }
        };
        try {
            if (super.handle(request, response, release)) {
                return true;
            }
        } catch (Throwable t) {
            counts.release(key);
            throw t;
        }
        counts.release(key);
        return false;
    }

    int addresses() {
        return counts.addresses();
    }
}
