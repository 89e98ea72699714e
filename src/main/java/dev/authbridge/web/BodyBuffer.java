package dev.authbridge.web;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each request body whole, without a thread, before any route sees the request (the
 * content loader of Jetty's {@link EagerContentHandler}): the routes then read it from memory and
 * never block on a slow client, so slow uploads hold no worker thread, only their connection and
 * at most {@code server.maxBodySize} bytes. The bytes are copied out of Jetty's network buffers
 * at once (retaining them would pin a whole buffer per byte a slow client trickles in).
 *
 * <p>The body must arrive within {@code server.bodyTimeout} (else 408); a body over {@code
 * server.maxBodySize} is 413 — read and thrown away first, up to {@link #DRAIN_BYTES}, so that a
 * client still sending gets to read the answer instead of a reset connection (RFC 9112 §9.6); a
 * malformed body (bad chunking, conflicting framing) is 400, and so is one the client stopped
 * sending. Each is answered in the API's shape and logged as one line.
 */
final class BodyBuffer implements EagerContentHandler.ContentLoaderFactory {
    /** How much of an oversized body is read and dropped so that its 413 reaches the client. */
    static final long DRAIN_BYTES = 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(BodyBuffer.class);

    private final long maxBytes;
    private final Duration timeout;

    BodyBuffer(long maxBytes, Duration timeout) {
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    @Override
    public String getApplicableMimeType() {
        return null; // every body, whatever its type
    }

    @Override
    public EagerContentHandler.ContentLoader newContentLoader(String contentType, String mimeType, Handler handler,
            Request request, Response response, Callback callback) {
        return new Loader(handler, request, response, callback);
    }

    private final class Loader extends EagerContentHandler.ContentLoader implements Invocable.Task {
        private byte[] bytes = new byte[0];
        private int size;
        private long dropped;
        private boolean oversized;
        private boolean finished;
        private Scheduler.Task deadline;

        Loader(Handler handler, Request request, Response response, Callback callback) {
            super(handler, request, response, callback);
        }

        @Override
        protected void load() {
            long declared = getRequest().getLength();
            if (declared > maxBytes) {
                boolean waitsForContinue = getRequest().getHeaders().contains(HttpHeader.EXPECT,
                        HttpHeaderValue.CONTINUE.asString());
                if (waitsForContinue || declared - maxBytes > DRAIN_BYTES) {
                    // It will not be sent, or is too much to read: answer now.
                    synchronized (this) {
                        finished = true;
                    }
                    tooLarge().run();
                    return;
                }
                oversized = true;
            } else if (declared > 0) {
                bytes = new byte[(int) declared];
            }
            deadline = getRequest().getComponents().getScheduler().schedule(this::expire, timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            read(false);
        }

        /** More content arrived (the demand callback, on whichever thread Jetty chooses). */
        @Override
        public void run() {
            read(true);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }

        /** Reads what there is; the answer, once there is one, runs outside the lock. */
        private void read(boolean fromCallback) {
            Runnable answer = readAvailable();
            if (answer == null) {
                return;
            }
            if (fromCallback) {
                // A demand callback may run on a selector thread: the routes block, so not there.
                getRequest().getContext().execute(answer);
            } else {
                answer.run();
            }
        }

        /** Null while more is to come (a demand is then pending); else what to answer. */
        private synchronized Runnable readAvailable() {
            while (!finished) {
                Content.Chunk chunk = getRequest().read();
                if (chunk == null) {
                    getRequest().demand(this);
                    return null;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    finish();
                    return failed(chunk.getFailure());
                }
                boolean last = chunk.isLast();
                take(chunk.getByteBuffer());
                chunk.release();
                if (last || (oversized && dropped > DRAIN_BYTES)) {
                    finish();
                    if (oversized) {
                        return tooLarge();
                    }
                    Request whole = new WholeBody(getRequest(), ByteBuffer.wrap(bytes, 0, size));
                    return () -> handle(whole, getResponse(), getCallback());
                }
            }
            return null;
        }

        private void take(ByteBuffer buffer) {
            int n = buffer.remaining();
            if (!oversized && size + (long) n > maxBytes) {
                oversized = true;
                bytes = null;
            }
            if (oversized) {
                dropped += n;
                return;
            }
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(maxBytes, Math.max(size + n, 2L * bytes.length + 1024)));
            }
            buffer.get(bytes, size, n);
            size += n;
        }

        private void expire() {
            synchronized (this) {
                if (finished) {
                    return;
                }
                finish();
            }
            refusal(408, "Request timeout: the request body did not arrive within server.bodyTimeout").run();
        }

        private Runnable failed(Throwable failure) {
            if (failure instanceof TimeoutException) {
                return refusal(408, "Request timeout: the request body arrived too slowly");
            }
            if (failure instanceof HttpException http) {
                return refusal(http.getCode(), "Malformed request body: " + ErrorBody.message(http.getCode()));
            }
            return refusal(400, "The request body ended before its declared end (the upload was interrupted)");
        }

        private Runnable tooLarge() {
            return refusal(413, "Request body too large: the limit is " + maxBytes + " bytes");
        }

        private Runnable refusal(int status, String message) {
            return () -> {
                String path = JettyErrors.path(getRequest());
                log.info("refused the body of {} {}: {} {}", getRequest().getMethod(), ErrorBody.shortened(path), status,
                        message);
                JettyErrors.send(getRequest(), getResponse(), getCallback(), ErrorBody.forPath(status, message, path),
                        true);
            };
        }

        private void finish() {
            finished = true;
            if (deadline != null) {
                deadline.cancel();
            }
        }
    }

    /** The request with its body already in memory: reads never wait. */
    private static final class WholeBody extends Request.Wrapper {
        private Content.Chunk next;

        WholeBody(Request request, ByteBuffer body) {
            super(request);
            this.next = Content.Chunk.from(body, true);
        }

        @Override
        public synchronized Content.Chunk read() {
            Content.Chunk chunk = next;
            next = Content.Chunk.EOF;
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run(); // there is always something to read
        }
    }
}
