package dev.authbridge.web;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every request is checked for before anything reads it:
 * <ul>
 * <li>a method outside {@link HttpServer#METHODS} is 501 (RFC 9110 §9.1), so no caller-chosen method name
 *     reaches a route, a log or a metric label;
 * <li>the method-override headers are removed: Javalin would route {@code X-HTTP-Method-Override}
 *     as the method, and authbridge never honours them;
 * <li>a {@code charset} other than UTF-8 (or its subset US-ASCII) is 400: JSON is UTF-8 (RFC 8259
 *     §8.1), and so is every form authbridge reads (RFC 6749 Appendix B).
 * </ul>
 */
final class RequestGate extends Handler.Wrapper {
    private static final Set<String> OVERRIDES = Set.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");
    private static final Set<String> CHARSETS = Set.of("utf-8", "utf8", "us-ascii");
    private static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*\"?([^\";\\s]*)", Pattern.CASE_INSENSITIVE);
    private static final Logger log = LoggerFactory.getLogger(RequestGate.class);

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = JettyErrors.path(request);
        if (!HttpServer.METHODS.contains(request.getMethod())) {
            log.info("refused an unknown method on {}: 501", ErrorBody.shortened(path));
            JettyErrors.send(request, response, callback, ErrorBody.forPath(501, ErrorBody.message(501), path), false);
            return true;
        }
        String charset = unsupportedCharset(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        if (charset != null) {
            log.info("refused {} {}: 400 unsupported charset", request.getMethod(), ErrorBody.shortened(path));
            JettyErrors.send(request, response, callback, ErrorBody.forPath(400,
                    "Unsupported charset '" + printable(charset) + "': the body must be UTF-8", path), true);
            return true;
        }
        return super.handle(withoutOverrides(request), response, callback);
    }

    /** The first charset of {@code contentType} that is not UTF-8, or null. */
    static String unsupportedCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = CHARSET.matcher(contentType);
        while (m.find()) {
            if (!CHARSETS.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                return m.group(1);
            }
        }
        return null;
    }

    private static Request withoutOverrides(Request request) {
        HttpFields headers = request.getHeaders();
        if (OVERRIDES.stream().noneMatch(headers::contains)) {
            return request;
        }
        HttpFields.Mutable kept = HttpFields.build(headers);
        OVERRIDES.forEach(kept::remove);
        HttpFields filtered = kept.asImmutable();
        return new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return filtered;
            }
        };
    }

    /** A charset name is echoed in the error: short, and only name characters. */
    private static String printable(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9._:-]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
