package dev.authbridge.web;

import dev.authbridge.api.Json;
import dev.authbridge.api.PublicUrl;
import dev.authbridge.error.Problem;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A failure as it goes on the wire: status, headers and bytes. The one renderer of the three
 * error shapes — the {@link ApiResponse} envelope, the RFC 6749 §5.2 body and the sign-in's HTML
 * error page — each made from a {@link Problem}: by {@link ErrorMapper} for failures inside a
 * route, and by {@link JettyErrors} and the front-door handlers for what Jetty refuses before any
 * route runs.
 */
record ErrorBody(int status, String contentType, byte[] bytes, Map<String, String> headers) {
    /** The client-authenticated OAuth endpoints, whose errors are RFC 6749 §5.2 bodies. */
    private static final Set<String> OAUTH_PATHS = Set.of(PublicUrl.BASE_PATH + "/oauth/token",
            PublicUrl.BASE_PATH + "/oauth/revoke", PublicUrl.BASE_PATH + "/oauth/introspect");
    /** The operators' API ({@code ops.OpsClientRoutes}), whose 401 asks for Basic. */
    static final String OPS_PATH = PublicUrl.BASE_PATH + "/ops/";
    /** A path echoed in an envelope is cut here: it is the caller's text, and may be long. */
    private static final int MAX_PATH = 256;
    /** What a page says of a failure on authbridge's side: never its cause. */
    static final String PAGE_UNAVAILABLE = "The sign-in service is unavailable right now. Please try again in a moment.";
    static final String PAGE_CLIENT_MISTAKE = "The browser sent a request that cannot be answered. "
            + "Please go back and try again.";
    /** The only way a page authenticates is Basic at {@code /oauth/authorize}: its 401 asks for that. */
    private static final String PAGE_CHALLENGE = "Basic realm=\"authbridge\", charset=\"UTF-8\"";

    /**
     * The envelope: {@code status} from {@code summary}, one {@code errors} entry per problem.
     * A problem's code is its {@code detail.reason}.
     */
    static ErrorBody envelope(Problem summary, List<Problem> problems, String path) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (summary.status() == 401) {
            // The operators' API takes HTTP Basic; every other path of the envelope a bearer token.
            headers.put("WWW-Authenticate", path != null && path.startsWith(OPS_PATH)
                    ? "Basic realm=\"authbridge-ops\", charset=\"UTF-8\"" : "Bearer realm=\"authbridge\"");
        }
        List<ApiResponse.ErrorResponse> errors = problems.stream()
                .map(p -> new ApiResponse.ErrorResponse(status(p)))
                .toList();
        return new ErrorBody(summary.status(), "application/json",
                Json.bytes(ApiResponse.failure(status(summary), errors, shortened(path))), headers);
    }

    /** RFC 6749 §5.2: {@code error} and {@code error_description}, never cached. */
    static ErrorBody oauth(Problem problem) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", problem.code());
        body.put("error_description", problem.description());
        Map<String, String> headers = new LinkedHashMap<>();
        if (problem.status() == 401) {
            headers.put("WWW-Authenticate", "Basic realm=\"authbridge\"");
        }
        headers.put("Cache-Control", "no-store");
        return new ErrorBody(problem.status(), "application/json", Json.bytes(body), headers);
    }

    /**
     * The HTML error page of the browser sign-in, with the pages' security headers.
     *
     * @param message shown to the person at the browser (escaped)
     */
    static ErrorBody page(int status, String message) {
        Map<String, String> headers = Pages.headers("'none'");
        if (status == 401) {
            headers.put("WWW-Authenticate", PAGE_CHALLENGE);
        }
        return new ErrorBody(status, "text/html; charset=utf-8",
                Pages.errorHtml(status, message).getBytes(StandardCharsets.UTF_8), headers);
    }

    /**
     * A refusal made before any route ran (Jetty's parser, the body reader, the connection
     * limits), in the shape the endpoint at {@code path} answers its own errors in.
     *
     * @param path the request's path, or null when it could not be parsed
     */
    static ErrorBody forPath(int status, String message, String path) {
        if (path != null && Pages.isPagePath(path)) {
            return page(status, status >= 500 ? PAGE_UNAVAILABLE : PAGE_CLIENT_MISTAKE);
        }
        // RFC 6749 §5.2 defines its body for 400; other statuses are not OAuth errors.
        if (path != null && OAUTH_PATHS.contains(path) && status == 400) {
            return oauth(Problem.of(status, "invalid_request", message));
        }
        Problem problem = Problem.of(status, message);
        return envelope(problem, List.of(problem), path == null ? "" : path);
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

    /** A problem as the envelope states it: the HTTP status, the description, the code as {@code reason}. */
    private static ApiResponse.ResponseStatus status(Problem problem) {
        Map<String, Object> detail = new LinkedHashMap<>();
        if (problem.code() != null) {
            detail.put("reason", problem.code());
        }
        detail.putAll(problem.details());
        return new ApiResponse.ResponseStatus(problem.status(), problem.description(), detail);
    }
}
