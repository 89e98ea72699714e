package dev.authbridge.health;

import dev.authbridge.config.ManagementConfig;
import dev.authbridge.web.Json;
import dev.authbridge.web.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET <healthPath>/live}: 200 while the process serves. {@code GET <healthPath>/ready}:
 * 200 when every dependency answers (the directory, the store), else 503 naming which is down —
 * never why (that goes to the log): the endpoint is unauthenticated. {@code GET <metricsPath>}:
 * the Prometheus text format.
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
        boolean up = true;
        for (Map.Entry<String, Check> check : checks.entrySet()) {
            try {
                check.getValue().run();
                results.put(check.getKey(), "UP");
            } catch (RuntimeException e) {
                log.warn("readiness: {} is down: {}", check.getKey(), e.getMessage());
                results.put(check.getKey(), "DOWN");
                up = false;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", results);
        json(ctx, up ? 200 : 503, body);
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).header("Cache-Control", "no-store").contentType("application/json").result(Json.bytes(body));
    }
}
