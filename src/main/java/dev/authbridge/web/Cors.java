package dev.authbridge.web;

import dev.authbridge.config.CorsConfig;
import dev.authbridge.config.TenantConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Cross-origin resource sharing (Fetch standard, "CORS protocol") for browser applications that
 * call the API from JavaScript.
 *
 * <p>Allowed origins come from {@code cors.allowedOrigins} (every tenant) and each tenant's
 * {@code corsAllowedOrigins}. A preflight carries no credentials, so it is answered for any
 * configured origin; the actual response is readable by a tenant's origin only when it is not
 * about a user of another tenant: the routes record the caller's tenant ({@link #callerTenant})
 * once a bearer token or session cookie identifies it. Credentials are allowed, so the origin
 * is always echoed exactly, never {@code *}; {@code Vary: Origin} keeps shared caches from
 * mixing answers. The HTML sign-in pages never get CORS headers: a script elsewhere must not
 * read the page (it holds a CSRF token).
 */
public final class Cors implements Routes {
    private static final String TENANT_ATTRIBUTE = "authbridge.callerTenant";
    private static final String METHODS = "GET, POST";
    private static final String EXPOSED = "WWW-Authenticate, Retry-After, X-GWS-User";

    private final Set<String> everyTenant;
    private final Map<String, Set<String>> byTenant = new HashMap<>();
    private final Set<String> anyTenant = new HashSet<>();
    private final Set<String> allowedHeaders = new HashSet<>();
    private final String allowedHeaderList;
    private final String maxAge;

    public Cors(CorsConfig config, List<TenantConfig> tenants) {
        this.everyTenant = Set.copyOf(config.allowedOrigins());
        anyTenant.addAll(everyTenant);
        for (TenantConfig t : tenants) {
            byTenant.put(t.id().toString(), Set.copyOf(t.corsAllowedOrigins()));
            anyTenant.addAll(t.corsAllowedOrigins());
        }
        config.allowedHeaders().forEach(h -> allowedHeaders.add(h.toLowerCase(Locale.ROOT)));
        this.allowedHeaderList = String.join(", ", config.allowedHeaders());
        this.maxAge = Long.toString(config.maxAge().toSeconds());
    }

    /**
     * Records whose data the response is about: the tenant id of the authenticated user, or
     * null for a user outside every tenant or a client's own token.
     */
    public static void callerTenant(Context ctx, String tenantId) {
        ctx.attribute(TENANT_ATTRIBUTE, tenantId == null ? "" : tenantId);
    }

    @Override
    public void mount(RoutesConfig routes) {
        routes.before(this::preflight);
        routes.after(this::actual);
    }

    /** An {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}. */
    private void preflight(Context ctx) {
        String origin = ctx.header("Origin");
        String method = ctx.header("Access-Control-Request-Method");
        if (ctx.method() != HandlerType.OPTIONS || origin == null || method == null) {
            return;
        }
        ctx.header("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        if (!anyTenant.contains(origin) || !(method.equals("GET") || method.equals("POST"))
                || !headersAllowed(ctx.header("Access-Control-Request-Headers"))) {
            throw new ApiException(403, "CORS preflight refused: origin, method or headers not allowed");
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Access-Control-Allow-Credentials", "true");
        ctx.header("Access-Control-Allow-Methods", METHODS);
        ctx.header("Access-Control-Allow-Headers", allowedHeaderList);
        ctx.header("Access-Control-Max-Age", maxAge);
        ctx.status(204);
        ctx.skipRemainingHandlers();
    }

    private void actual(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || anyTenant.isEmpty() || ctx.method() == HandlerType.OPTIONS) {
            return;
        }
        ctx.header("Vary", "Origin");
        if (Pages.isPage(ctx) || !allowed(origin, ctx.attribute(TENANT_ATTRIBUTE))) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Access-Control-Allow-Credentials", "true");
        ctx.header("Access-Control-Expose-Headers", EXPOSED);
    }

    private boolean allowed(String origin, String callerTenant) {
        if (everyTenant.contains(origin)) {
            return true;
        }
        if (callerTenant == null) {
            return anyTenant.contains(origin); // nobody identified: nothing tenant-specific in it
        }
        return byTenant.getOrDefault(callerTenant, Set.of()).contains(origin);
    }

    private boolean headersAllowed(String requested) {
        if (requested == null || requested.isBlank()) {
            return true;
        }
        for (String h : requested.split(",")) {
            String name = h.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !allowedHeaders.contains(name)) {
                return false;
            }
        }
        return true;
    }
}
