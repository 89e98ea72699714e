package dev.authbridge.audit;

/**
 * Where a request came from, as the web layer established it: the client's address (the
 * connection's peer, or what a configured trusted proxy reported, never a header anyone can
 * set) and the request id that also goes back in {@code X-Request-Id}.
 *
 * @param sourceIp textual IP address; {@code null} when there is no network request (the CLI)
 * @param requestId {@code null} when there is no request
 */
public record Origin(String sourceIp, String requestId) {

    /** No network request: the command line, or a caller that has no origin to give. */
    public static final Origin NONE = new Origin(null, null);
}
