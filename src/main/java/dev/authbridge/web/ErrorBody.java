package dev.authbridge.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A failure as it goes on the wire: status, headers and bytes. The one renderer of the three
 * error shapes — the {@link ApiResponse} envelope, the RFC 6749 §5.2 body and the sign-in's HTML
 * error page — used by {@link ErrorMapper} for failures inside a route and by {@link JettyErrors}
 * and the front-door handlers for what Jetty refuses before any route runs.
 */
record ErrorBody(int status, String contentType, byte[] bytes, Map<String, String> headers) {
    /** The client-authenticated OAuth endpoints, whose errors are RFC 6749 §5.2 bodies. */
    private static final Set<String> OAUTH_PATHS = Set.of(HttpServer.BASE_PATH + "/oauth/token",
            HttpServer.BASE_PATH + "/oauth/revoke", HttpServer.BASE_PATH + "/oauth/introspect");
    /** A path echoed in an envelope is cut here: it is the caller's text, and may be long. */
    private static final int MAX_PATH = 256;

    static ErrorBody envelope(int status, String message, Map<String, Object> detail,
            List<ApiResponse.ErrorResponse> errors, String path) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (status == 401) {
            headers.put("WWW-Authenticate", "Bearer realm=\"authbridge\"");
        }
        return new ErrorBody(status, "application/json",
                Json.bytes(ApiResponse.failure(status, message, detail, errors, shortened(path))), headers);
    }

    /** RFC 6749 §5.2: {@code error} and {@code error_description}, never cached. */
    static ErrorBody oauth(int status, String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        Map<String, String> headers = new LinkedHashMap<>();
        if (status == 401) {
            headers.put("WWW-Authenticate", "Basic realm=\"authbridge\"");
        }
        headers.put("Cache-Control", "no-store");
        return new ErrorBody(status, "application/json", Json.bytes(body), headers);
    }

    /** The HTML error page of the browser sign-in, with the pages' security headers. */
    static ErrorBody page(int status, String message) {
        return new ErrorBody(status, "text/html; charset=utf-8",
                Pages.errorHtml(status, message).getBytes(StandardCharsets.UTF_8), Pages.headers("'none'"));
    }

    /**
     * A refusal made before any route ran (Jetty's parser, the body reader, the connection
     * limits), in the shape the endpoint at {@code path} answers its own errors in.
     *
     * @param path the request's path, or null when it could not be parsed
     */
    static ErrorBody forPath(int status, String message, String path) {
        if (path != null && Pages.isPagePath(path)) {
            return page(status, status >= 500 ? "The sign-in service is unavailable right now. Please try again in a moment."
                    : "The browser sent a request that cannot be answered. Please go back and try again.");
        }
        // RFC 6749 §5.2 defines its body for 400; other statuses are not OAuth errors.
        if (path != null && OAUTH_PATHS.contains(path) && status == 400) {
            return oauth(status, "invalid_request", message);
        }
        return envelope(status, message, Map.of(), List.of(), path == null ? "" : path);
    }

    /** The same answer with one more header. */
    ErrorBody with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ErrorBody(status, contentType, bytes, more);
    }

    /** The message of an answer authbridge gives without a more specific one. */
    static String message(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 404 -> "Not found: no such endpoint";
            case 405 -> "Method not allowed";
            case 408 -> "Request timeout: the request did not arrive in time";
            case 413 -> "Request body too large";
            case 414 -> "Request URI too long";
            case 429 -> "Too many requests from this address: try again later";
            case 431 -> "Request header fields too large";
            case 501 -> "Not implemented: unknown request method";
            case 503 -> "Service unavailable";
            default -> "HTTP " + status;
        };
    }

    static String shortened(String path) {
        return path == null || path.length() <= MAX_PATH ? path : path.substring(0, MAX_PATH) + "…";
    }
}
