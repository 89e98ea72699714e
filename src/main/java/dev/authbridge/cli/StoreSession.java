package dev.authbridge.cli;

import dev.authbridge.audit.AuditLog;
import dev.authbridge.audit.JsonAuditLog;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.directory.LoginName;
import dev.authbridge.directory.Tenants;
import dev.authbridge.store.Database;
import dev.authbridge.store.StoreUnavailableException;
import java.util.UUID;

/**
 * The configured store and audit log, opened for an administrative command (the server may be
 * running: every race is decided in the store, and audit lines are appended whole).
 */
final class StoreSession implements AutoCloseable {
    final AuthbridgeConfig config;
    final Database database;
    final AuditLog audit;
    final Tenants tenants;
    private final JsonAuditLog auditLog;

    private StoreSession(AuthbridgeConfig config, Database database, JsonAuditLog auditLog) {
        this.config = config;
        this.database = database;
        this.auditLog = auditLog;
        this.audit = auditLog;
        this.tenants = Tenants.of(config);
    }

    static StoreSession open(AuthbridgeConfig config, java.time.Clock clock) {
        Database database;
        try {
            database = Database.open(config.store());
        } catch (StoreUnavailableException e) {
            throw new CommandFailure(CommandFailure.FAILED, "authbridge: " + e.getMessage());
        }
        try {
            return new StoreSession(config, database, JsonAuditLog.open(config.audit(), clock));
        } catch (RuntimeException e) {
            database.close();
            throw new CommandFailure(CommandFailure.FAILED, "authbridge: " + e.getMessage());
        }
    }

    /**
     * <code>tenant&#92;user</code> as the token store records it: the tenant by its first domain
     * as configured (an unknown one as typed), the user as {@link Tenants#parse} reads it (the
     * store compares without case).
     */
    String userName(String typed) {
        LoginName login = tenants.parse(typed);
        String domain = login.tenant() != null ? login.tenant().domains().get(0) : login.domain() == null ? "" : login.domain();
        return domain + "\\" + login.user();
    }

    /** A tenant named by one of its domains or its id. */
    String tenantId(String typed) {
        return tenants.byDomain(typed).map(t -> t.id().toString()).orElseGet(() -> {
            try {
                UUID id = UUID.fromString(typed);
                return config.tenants().stream().filter(t -> t.id().equals(id)).findFirst()
                        .map(t -> t.id().toString()).orElse(id.toString());
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(CommandFailure.USAGE, "authbridge: no tenant has the domain or id '" + typed + "'");
            }
        });
    }

    @Override
    public void close() {
        auditLog.close();
        database.close();
    }
}
