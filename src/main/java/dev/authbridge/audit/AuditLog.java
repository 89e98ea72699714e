package dev.authbridge.audit;

import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Where security events go. {@link #record} never throws: failing to write an audit line is
 * logged and counted, and the request it describes goes on (fail-open). {@link #recordRequired}
 * is for events that must be on record before what they describe happens — a token handed out —
 * and throws {@link AuditUnavailableException} instead when the log is configured fail-closed.
 */
public interface AuditLog {

    /** Drops every event (for components built without an audit log, e.g. in unit tests). */
    AuditLog NONE = event -> {};

    void record(AuditEvent event);

    /**
     * As {@link #record}; with {@code audit.failClosed}, throws when the line could not be
     * written, before anything that follows it (other sinks, the answer) sees the event.
     *
     * @throws AuditUnavailableException only from a fail-closed log
     */
    default void recordRequired(AuditEvent event) {
        record(event);
    }

    /**
     * Every event to each of {@code logs}, in order; one failing does not stop the others,
     * except a fail-closed refusal of a required event, which stops there and is thrown.
     */
    static AuditLog fanOut(List<AuditLog> logs) {
        List<AuditLog> copy = List.copyOf(logs);
        return new AuditLog() {
            @Override
            public void record(AuditEvent event) {
                for (AuditLog log : copy) {
                    try {
                        log.record(event);
                    } catch (RuntimeException e) {
                        failed(log, e);
                    }
                }
            }

            @Override
            public void recordRequired(AuditEvent event) {
                for (AuditLog log : copy) {
                    try {
                        log.recordRequired(event);
                    } catch (AuditUnavailableException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        failed(log, e);
                    }
                }
            }
        };
    }

    private static void failed(AuditLog log, RuntimeException e) {
        LoggerFactory.getLogger(AuditLog.class).error("audit sink {} failed: {}", log.getClass().getSimpleName(), e.toString());
    }
}
