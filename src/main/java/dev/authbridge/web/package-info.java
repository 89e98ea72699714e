/**
 * The HTTP layer, and the only package that knows Javalin and Jetty: {@link
 * dev.authbridge.web.HttpServer} mounts every capability's {@link dev.authbridge.web.Routes} behind
 * the front door ({@link dev.authbridge.web.FrontDoor}: deadlines, connection and request caps,
 * bodies read without a thread), the TLS listener and trusted proxies. {@link
 * dev.authbridge.web.ErrorMapper} is the one place failures become responses: a domain exception's
 * problem in the {@link dev.authbridge.web.ApiResponse} envelope, the RFC 6749 body, the sign-in's
 * error page or a redirect, each rendered by {@link dev.authbridge.web.ErrorBody} — also for what
 * Jetty refuses before any route runs. Request parsing has one reading of a parameter ({@link
 * dev.authbridge.web.Parameters}); pages, cookies, CORS and CSRF form tokens live here too. Only
 * routes, request parsers and page classes of the capabilities use this package.
 */
package dev.authbridge.web;
