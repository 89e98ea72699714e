/**
 * Health checks and metrics. {@link dev.authbridge.health.HealthRoutes} answers
 * {@code /health/live} (the process serves) and {@code /health/ready} (the directory answers and the
 * store can commit; why not, when not), for load balancers and orchestrators, and serves {@code /metrics} in the
 * Prometheus text format. {@link dev.authbridge.health.Metrics} owns the Micrometer registry and
 * is fed by the seams other packages already have: the web layer's request observer, the
 * store's operation observer, the directory port (timed through a proxy, so methods added to
 * the port are timed too) and the audit log's events (grants by type and outcome, sign-in
 * failures by reason, lockouts). Label values are bounded: route templates, never raw paths;
 * known grant types, never what a caller typed.
 */
package dev.authbridge.health;
