package dev.authbridge.health;

import dev.authbridge.api.Json;
import dev.authbridge.config.ManagementConfig;
import dev.authbridge.directory.DirectoryUnavailableException;
import dev.authbridge.store.StoreUnavailableException;
import dev.authbridge.web.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET <healthPath>/live}: 200 while the process serves. {@code GET <healthPath>/ready}:
 * 200 when every dependency works (the directory answers, the store commits), else 503 naming
 * which is down and why in {@code reasons} — in the typed failures' own words, which carry no
 * host, path or secret (the endpoint is unauthenticated); the details go to the log.
 * {@code GET <metricsPath>}: the Prometheus text format.
 */
public final class HealthRoutes implements Routes {
    private static final Logger log = LoggerFactory.getLogger(HealthRoutes.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /** One dependency check: returns when healthy, throws otherwise. */
    @FunctionalInterface
    public interface Check {
        void run();
    }

    /** Mounts nothing: where health and metrics are served elsewhere. */
    public static final Routes NONE = routes -> { };

    private final ManagementConfig config;
    private final Map<String, Check> checks;
    private final Metrics metrics;

    /** @param checks by name, in the order they are run and reported */
    public HealthRoutes(ManagementConfig config, Map<String, Check> checks, Metrics metrics) {
        this.config = config;
        this.checks = new LinkedHashMap<>(checks);
        this.metrics = metrics;
    }

    @Override
    public void mount(RoutesConfig routes) {
        routes.get(config.healthPath() + "/live", ctx -> json(ctx, 200, Map.of("status", "UP")));
        routes.get(config.healthPath() + "/ready", this::ready);
        if (config.metricsPath() != null && metrics != null) {
            routes.get(config.metricsPath(), ctx -> ctx.header("Cache-Control", "no-store")
                    .contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
        }
    }

    private void ready(Context ctx) {
        Map<String, String> results = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Map.Entry<String, Check> check : checks.entrySet()) {
            try {
                check.getValue().run();
                results.put(check.getKey(), "UP");
            } catch (RuntimeException e) {
                log.warn("readiness: {} is down: {}", check.getKey(), e.getMessage());
                results.put(check.getKey(), "DOWN");
                reasons.put(check.getKey(), reason(e));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", reasons.isEmpty() ? "UP" : "DOWN");
        body.put("checks", results);
        if (!reasons.isEmpty()) {
            body.put("reasons", reasons);
        }
        json(ctx, reasons.isEmpty() ? 200 : 503, body);
    }

    private static String reason(RuntimeException e) {
        if (e instanceof StoreUnavailableException store) {
            return "cannot commit: " + store.reason();
        }
        if (e instanceof DirectoryUnavailableException directory) {
            return directory.reason();
        }
        return "check failed";
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).header("Cache-Control", "no-store").contentType("application/json").result(Json.bytes(body));
    }
}
