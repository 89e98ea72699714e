package dev.authbridge.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One security event. Every field is optional but {@code type} and {@code outcome}; {@code
 * details} holds a few named facts (grant type, lock time…) whose values are numbers, booleans
 * or short codes, never free text a secret could hide in. Built with {@link #of}.
 *
 * @param user the user name as typed or as the token records it (<code>demo&#92;agent1</code>)
 * @param tenant the tenant's id (contact center UUID) when known
 * @param client the OAuth client id
 * @param reason a short code ({@code bad_credentials}, {@code invalid_grant}…)
 */
public record AuditEvent(
        AuditEventType type,
        Outcome outcome,
        String user,
        String tenant,
        String client,
        String sourceIp,
        String requestId,
        String reason,
        Map<String, Object> details) {

    /** Whether the action the event describes succeeded. */
    public enum Outcome {
        SUCCESS,
        FAILURE
    }

    /** Longest user name or client id written; a longer one is cut (it is what someone typed). */
    static final int MAX_TEXT = 256;

    public AuditEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(outcome, "outcome");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static Builder of(AuditEventType type, Outcome outcome) {
        return new Builder(type, outcome);
    }

    /** A fluent way to fill the optional fields. */
    public static final class Builder {
        private final AuditEventType type;
        private final Outcome outcome;
        private String user;
        private String tenant;
        private String client;
        private Origin origin = Origin.NONE;
        private String reason;
        private final Map<String, Object> details = new LinkedHashMap<>();

        private Builder(AuditEventType type, Outcome outcome) {
            this.type = type;
            this.outcome = outcome;
        }

        public Builder user(String user) {
            this.user = clean(user);
            return this;
        }

        public Builder tenant(String tenant) {
            this.tenant = clean(tenant);
            return this;
        }

        public Builder client(String client) {
            this.client = clean(client);
            return this;
        }

        public Builder origin(Origin origin) {
            this.origin = origin == null ? Origin.NONE : origin;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = clean(reason);
            return this;
        }

        /** A fact with a number, boolean, instant or short code value. */
        public Builder detail(String name, Object value) {
            if (value != null) {
                details.put(name, value instanceof CharSequence s ? clean(s.toString()) : value);
            }
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(type, outcome, user, tenant, client, origin.sourceIp(), origin.requestId(),
                    reason, details);
        }
    }

    /**
     * Text someone typed is cut to {@link #MAX_TEXT} characters and loses control characters:
     * JSON escaping already keeps a line one line, this keeps it readable in a terminal too.
     */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TEXT));
        text.codePoints().limit(MAX_TEXT).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
