package dev.authbridge.web;

import dev.authbridge.audit.Origin;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@link Origin} of each request: the client address (already resolved through trusted
 * proxies by {@link ForwardedHeaders}) and a request id, returned in {@code X-Request-Id}. An
 * incoming {@code X-Request-Id} is kept only from a trusted proxy, and only when it is short and
 * plain; anyone else gets a fresh one, so a caller cannot forge lines of the audit log.
 */
public final class RequestOrigins {
    static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "authbridge.origin";
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestOrigins() {}

    /** Called first for every request. */
    static void assign(Context ctx) {
        String incoming = ctx.header(HEADER);
        boolean viaProxy = Boolean.TRUE.equals(ctx.req().getAttribute(ForwardedHeaders.VIA_TRUSTED_PROXY));
        String requestId = viaProxy && incoming != null && PLAIN_ID.matcher(incoming).matches()
                ? incoming
                : UUID.randomUUID().toString();
        ctx.attribute(ATTRIBUTE, new Origin(address(ctx), requestId));
        ctx.header(HEADER, requestId);
    }

    /** The request's origin (assigned before any route runs). */
    public static Origin of(Context ctx) {
        Origin origin = ctx.attribute(ATTRIBUTE);
        return origin != null ? origin : new Origin(address(ctx), null);
    }

    /** The client address without the brackets Jetty puts around IPv6 ({@code [2001:db8::1]}). */
    private static String address(Context ctx) {
        String ip = ctx.ip();
        return ip.length() > 2 && ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
    }
}
