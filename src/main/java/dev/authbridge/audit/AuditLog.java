package dev.authbridge.audit;

import java.util.List;

/**
 * Where security events go. Implementations never throw: failing to write an audit line is
 * logged, and the request it describes goes on.
 */
public interface AuditLog {

    /** Drops every event (for components built without an audit log, e.g. in unit tests). */
    AuditLog NONE = event -> {};

    void record(AuditEvent event);

    /** Every event to each of {@code logs}, in order; one failing does not stop the others. */
    static AuditLog fanOut(List<AuditLog> logs) {
        List<AuditLog> copy = List.copyOf(logs);
        return event -> {
            for (AuditLog log : copy) {
                try {
                    log.record(event);
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(AuditLog.class)
                            .error("audit sink {} failed: {}", log.getClass().getSimpleName(), e.toString());
                }
            }
        };
    }
}
