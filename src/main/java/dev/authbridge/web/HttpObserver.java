package dev.authbridge.web;

/** Told about every answered request, for metrics. Must not throw, and must be quick. */
public interface HttpObserver {
    HttpObserver NONE = (method, route, status, millis) -> {};

    /**
     * @param method one of {@link HttpServer#METHODS}, or {@code other}: never a name the caller chose
     * @param route the matched route's path template ({@code /auth/v3/userinfo}), or
     *     {@code unmatched}: never the raw path, whose values a caller chooses
     */
    void onRequest(String method, String route, int status, double millis);
}
