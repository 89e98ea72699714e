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
 * configured origin. An actual response is readable by a tenant's origin only when the route
 * recorded whom it is about: {@link #aboutTenant} (a user of that tenant, once a bearer token, a
 * session cookie or the answer itself identifies them) or {@link #aboutNoUser} (an answer that
 * carries nothing about any user: public documents, a 401 asking to sign in). Default deny: a
 * response nobody recorded — a new route that forgot to, an error before anyone was identified —
 * is readable by the every-tenant origins only, as is one about a user outside every tenant, a
 * client's own token, or users of two different tenants. Credentials are allowed, so the origin
 * is always echoed exactly, never {@code *}; {@code Vary: Origin} keeps shared caches from
 * mixing answers. The HTML sign-in pages never get CORS headers: a script elsewhere must not
 * read the page (it holds a CSRF token). Nor does the operators' API ({@code /ops/}): it is for
 * provisioning scripts, and a page must not ride on an operator's cached Basic credentials.
 */
public final class Cors implements Routes {
    private static final String SUBJECT_ATTRIBUTE = "authbridge.corsSubject";
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
     * Records that the response is about a user of tenant {@code tenantId}; null for a user outside
     * every tenant or a client's own token (readable by the every-tenant origins only). Recording a
     * second, different tenant leaves the answer to the every-tenant origins.
     */
    public static void aboutTenant(Context ctx, String tenantId) {
        Subject recorded = ctx.attribute(SUBJECT_ATTRIBUTE);
        Subject subject = tenantId == null ? Subject.NO_TENANT : new Subject(tenantId);
        if (recorded != null && recorded != Subject.NO_USER && !recorded.equals(subject)) {
            subject = Subject.NO_TENANT;
        }
        ctx.attribute(SUBJECT_ATTRIBUTE, subject);
    }

    /**
     * Records that the response says nothing about any user, so any configured origin may read
     * it. Never widens an answer already recorded as about a user.
     */
    public static void aboutNoUser(Context ctx) {
        if (ctx.attribute(SUBJECT_ATTRIBUTE) == null) {
            ctx.attribute(SUBJECT_ATTRIBUTE, Subject.NO_USER);
        }
    }

    /**
     * Whom an answer is about: the users of tenant {@code tenantId}; {@code NO_TENANT} ("") for a
     * user outside every tenant, a client, or users of several tenants; {@code NO_USER} (null) for
     * nobody at all.
     */
    private record Subject(String tenantId) {
        static final Subject NO_USER = new Subject(null);
        static final Subject NO_TENANT = new Subject("");
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
        if (!anyTenant.contains(origin) || isOps(ctx) || !(method.equals("GET") || method.equals("POST"))
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
        if (Pages.isPage(ctx) || isOps(ctx) || !allowed(origin, ctx.attribute(SUBJECT_ATTRIBUTE))) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Access-Control-Allow-Credentials", "true");
        ctx.header("Access-Control-Expose-Headers", EXPOSED);
    }

    private static boolean isOps(Context ctx) {
        return ctx.path().startsWith(ErrorBody.OPS_PATH);
    }

    private boolean allowed(String origin, Subject subject) {
        if (everyTenant.contains(origin)) {
            return true;
        }
        if (subject == null) {
            return false; // nobody recorded whom it is about: it may be about anyone
        }
        if (subject == Subject.NO_USER) {
            return anyTenant.contains(origin);
        }
        return byTenant.getOrDefault(subject.tenantId(), Set.of()).contains(origin);
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
