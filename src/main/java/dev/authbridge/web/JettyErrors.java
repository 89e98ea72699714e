package dev.authbridge.web;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's error handler: what Jetty answers by itself, before any route runs — a header
 * block over {@code server.maxHeaderSize} (431), a URI too long (414) or malformed (400),
 * conflicting framing (400), a request that timed out (408), the queue of {@code
 * server.maxConcurrentRequests} full (503) — in the API's shape ({@link ErrorBody#forPath}), never
 * Jetty's HTML page. Each refusal is one log line, without a stack trace.
 */
final class JettyErrors extends ErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(JettyErrors.class);
    private static final Set<String> JETTY_PLACEHOLDERS = Set.of("/badMessage", "/badRequest");

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        Object cause = request.getAttribute(ERROR_EXCEPTION);
        if (cause instanceof HttpException http) {
            status = http.getCode();
        } else if (cause instanceof TimeoutException) {
            status = 408; // the connection's idle timeout or header deadline, mid-request
        }
        if (status < 400) {
            status = 500;
        }
        // Jetty names a request whose line it could not parse "/badMessage" (or "/badRequest").
        String path = JETTY_PLACEHOLDERS.contains(path(request)) ? null : path(request);
        if (status >= 500) {
            log.warn("failed {} {}: {} {}", request.getMethod(), ErrorBody.shortened(path), status, ErrorBody.message(status));
        } else {
            log.info("refused {} {}: {} {}", request.getMethod(), ErrorBody.shortened(path), status, ErrorBody.message(status));
        }
        send(request, response, callback, ErrorBody.forPath(status, ErrorBody.message(status), path), status != 503);
        return true;
    }

    /**
     * Answers {@code body} as the whole response.
     *
     * @param close whether the connection ends after it (when what is left of the request cannot
     *     be trusted to be read correctly, or was not read)
     */
    static void send(Request request, Response response, Callback callback, ErrorBody body, boolean close) {
        if (response.isCommitted()) {
            callback.failed(new IllegalStateException("the response had begun: " + body.status()));
            return;
        }
        response.reset();
        response.setStatus(body.status());
        body.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, body.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (close) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        boolean head = "HEAD".equals(request.getMethod());
        response.write(true, head ? null : ByteBuffer.wrap(body.bytes()), callback);
    }

    /** The request's path, or null when Jetty could not parse its URI. */
    static String path(Request request) {
        HttpURI uri = request.getHttpURI();
        return uri == null ? null : uri.getPath();
    }
}
