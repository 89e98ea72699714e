package dev.authbridge.health;

import com.unboundid.ldap.sdk.LDAPConnectionPoolStatistics;
import dev.authbridge.audit.AuditEvent;
import dev.authbridge.audit.AuditLog;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.store.StoreObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * The Prometheus registry and everything that feeds it. Timers publish fixed latency buckets
 * (service-level objectives from 5 ms to 10 s): enough to read percentiles and alert on them,
 * without hundreds of series per route.
 */
public final class Metrics implements StoreObserver, AuditLog {
    static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    /** Reasons and outcomes come from authbridge's own code; this only guards the label set. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z_]{1,40}");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Micrometer holds gauge and function-counter state weakly: these keep it alive. */
    private final List<Object> sources = new CopyOnWriteArrayList<>();
    private final Counter auditDropped = Counter.builder("authbridge.audit.dropped")
            .description("Audit lines the audit file could not take").register(registry);

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * Times one answered request (the HTTP server's observer).
     *
     * @param method one of the methods a route can have, or {@code other}
     * @param route the matched route's path template, or {@code unmatched}
     */
    public void onRequest(String method, String route, int status, double millis) {
        timer("http.server.requests", "HTTP requests by route and status",
                "method", method, "route", route, "status", status(status))
                .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    }

    @Override
    public void onOperation(String operation, long nanos, boolean ok) {
        timer("authbridge.store.operations", "SQLite store operations",
                "operation", code(operation), "outcome", ok ? "ok" : "error")
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts one audit line the file could not take ({@code JsonAuditLog}). */
    public void auditLineDropped() {
        auditDropped.increment();
    }

    /** Times one directory operation ({@link TimedDirectory}). */
    void directoryOperation(String operation, String outcome, long nanos) {
        timer("authbridge.directory.operations", "Directory operations by outcome",
                "operation", operation, "outcome", outcome)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts grants, sign-in failures and lockouts from the security events. */
    @Override
    public void record(AuditEvent event) {
        switch (event.type()) {
            case TOKEN_ISSUED, TOKEN_REFRESHED -> grant(event, "issued");
            case TOKEN_REFUSED -> grant(event, code(event.reason()));
            case SIGN_IN -> {
                String outcome = event.outcome() == AuditEvent.Outcome.SUCCESS ? "success" : "failure";
                counter("authbridge.signins", "Password checks by outcome", "outcome", outcome).increment();
                if (event.outcome() == AuditEvent.Outcome.FAILURE) {
                    counter("authbridge.signin.failures", "Failed sign-ins by reason", "reason", code(event.reason()))
                            .increment();
                }
            }
            case LOCKOUT -> counter("authbridge.lockouts", "Lockouts started, by key kind",
                    "kind", code(String.valueOf(event.details().get("kind")))).increment();
            default -> { }
        }
    }

    /**
     * Publishes the directory's connection pools: connections available and the maximum, and
     * connection attempts and failed checkouts as counters.
     */
    public void bindDirectoryPools(Supplier<Map<String, LDAPConnectionPoolStatistics>> pools) {
        sources.add(pools);
        for (String pool : pools.get().keySet()) {
            ToDoubleFunction<Supplier<Map<String, LDAPConnectionPoolStatistics>>> available =
                    s -> s.get().get(pool).getNumAvailableConnections();
            Gauge.builder("authbridge.directory.pool.connections", pools, available)
                    .description("Idle connections ready in the pool").tags("pool", pool, "state", "available")
                    .register(registry);
            Gauge.builder("authbridge.directory.pool.connections", pools,
                            s -> s.get().get(pool).getMaximumAvailableConnections())
                    .description("Idle connections ready in the pool").tags("pool", pool, "state", "max")
                    .register(registry);
            FunctionCounter.builder("authbridge.directory.pool.connects", pools,
                            s -> s.get().get(pool).getNumSuccessfulConnectionAttempts())
                    .description("Connection attempts to the directory").tags("pool", pool, "outcome", "success")
                    .register(registry);
            FunctionCounter.builder("authbridge.directory.pool.connects", pools,
                            s -> s.get().get(pool).getNumFailedConnectionAttempts())
                    .description("Connection attempts to the directory").tags("pool", pool, "outcome", "failure")
                    .register(registry);
            FunctionCounter.builder("authbridge.directory.pool.checkouts.failed", pools,
                            s -> s.get().get(pool).getNumFailedCheckouts())
                    .description("Requests that found no usable connection").tags("pool", pool)
                    .register(registry);
        }
    }

    private void grant(AuditEvent event, String outcome) {
        Object type = event.details().get("grant");
        String grant = type != null && ClientConfig.GRANT_TYPES.contains(type.toString()) ? type.toString() : "other";
        counter("authbridge.grants", "Token requests by grant type and outcome", "type", grant, "outcome", outcome)
                .increment();
    }

    private Timer timer(String name, String description, String... tags) {
        return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** HTTP statuses are a closed set of three-digit numbers; anything else is "other". */
    private static String status(int status) {
        return status >= 100 && status <= 599 ? Integer.toString(status) : "other";
    }

    private static String code(String value) {
        return value != null && CODE.matcher(value).matches() ? value : "other";
    }
}
