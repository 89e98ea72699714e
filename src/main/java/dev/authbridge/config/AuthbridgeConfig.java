package dev.authbridge.config;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The whole, validated configuration. Built only by {@link ConfigLoader}; every value here has
 * already been checked, so the rest of the code never re-validates.
 */
public record AuthbridgeConfig(
        ServerConfig server,
        UUID environmentId,
        DirectoryConfig directory,
        List<TenantConfig> tenants,
        String defaultTenant,
        StoreConfig store,
        List<ClientConfig> clients,
        JwtConfig jwt,
        AuthorizeConfig authorize,
        SessionConfig session,
        CorsConfig cors,
        LockoutConfig lockout,
        AuditConfig audit,
        ManagementConfig management,
        PasswordsConfig passwords,
        List<TrustedIssuerConfig> trustedIssuers) {

    /** The same configuration with another listener (tests build variants by type, not YAML text). */
    public AuthbridgeConfig withServer(ServerConfig other) {
        return new AuthbridgeConfig(other, environmentId, directory, tenants, defaultTenant, store, clients, jwt,
                authorize, session, cors, lockout, audit, management, passwords, trustedIssuers);
    }

    public Optional<ClientConfig> client(String id) {
        return clients.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
