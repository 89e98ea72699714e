package dev.authbridge.config;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The whole, validated configuration. Built by {@link ConfigLoader}; every value here has already
 * been checked, so the rest of the code never re-validates (tests copy it with the {@code with…}
 * methods, changing valid values for valid ones).
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
        List<TrustedIssuerConfig> trustedIssuers,
        OpsConfig ops) {

    // The with… copies: tests build variants of the shipped configuration by type, not as YAML text.

    /** The same configuration with another listener. */
    public AuthbridgeConfig withServer(ServerConfig other) {
        return new AuthbridgeConfig(other, environmentId, directory, tenants, defaultTenant, store, clients, jwt,
                authorize, session, cors, lockout, audit, management, passwords, trustedIssuers, ops);
    }

    /** The same configuration on another directory. */
    public AuthbridgeConfig withDirectory(DirectoryConfig other) {
        return new AuthbridgeConfig(server, environmentId, other, tenants, defaultTenant, store, clients, jwt,
                authorize, session, cors, lockout, audit, management, passwords, trustedIssuers, ops);
    }

    /** The same configuration with other tenants and default tenant ({@code null} for none). */
    public AuthbridgeConfig withTenants(List<TenantConfig> other, String otherDefault) {
        return new AuthbridgeConfig(server, environmentId, directory, List.copyOf(other), otherDefault, store,
                clients, jwt, authorize, session, cors, lockout, audit, management, passwords, trustedIssuers, ops);
    }

    /** The same configuration with another store. */
    public AuthbridgeConfig withStore(StoreConfig other) {
        return new AuthbridgeConfig(server, environmentId, directory, tenants, defaultTenant, other, clients, jwt,
                authorize, session, cors, lockout, audit, management, passwords, trustedIssuers, ops);
    }

    /** The same configuration with other clients. */
    public AuthbridgeConfig withClients(List<ClientConfig> other) {
        return new AuthbridgeConfig(server, environmentId, directory, tenants, defaultTenant, store,
                List.copyOf(other), jwt, authorize, session, cors, lockout, audit, management, passwords, trustedIssuers, ops);
    }

    /** The same configuration with other signed-token settings. */
    public AuthbridgeConfig withJwt(JwtConfig other) {
        return new AuthbridgeConfig(server, environmentId, directory, tenants, defaultTenant, store, clients, other,
                authorize, session, cors, lockout, audit, management, passwords, trustedIssuers, ops);
    }

    /** The same configuration with another authorization-code lifetime. */
    public AuthbridgeConfig withAuthorize(AuthorizeConfig other) {
        return new AuthbridgeConfig(server, environmentId, directory, tenants, defaultTenant, store, clients, jwt,
                other, session, cors, lockout, audit, management, passwords, trustedIssuers, ops);
    }

    /** The same configuration with other browser-session lifetimes. */
    public AuthbridgeConfig withSession(SessionConfig other) {
        return new AuthbridgeConfig(server, environmentId, directory, tenants, defaultTenant, store, clients, jwt,
                authorize, other, cors, lockout, audit, management, passwords, trustedIssuers, ops);
    }

    /** The same configuration with other CORS settings. */
    public AuthbridgeConfig withCors(CorsConfig other) {
        return new AuthbridgeConfig(server, environmentId, directory, tenants, defaultTenant, store, clients, jwt,
                authorize, session, other, lockout, audit, management, passwords, trustedIssuers, ops);
    }

    /** The same configuration with another lockout. */
    public AuthbridgeConfig withLockout(LockoutConfig other) {
        return new AuthbridgeConfig(server, environmentId, directory, tenants, defaultTenant, store, clients, jwt,
                authorize, session, cors, other, audit, management, passwords, trustedIssuers, ops);
    }

    /** The same configuration with another audit log. */
    public AuthbridgeConfig withAudit(AuditConfig other) {
        return new AuthbridgeConfig(server, environmentId, directory, tenants, defaultTenant, store, clients, jwt,
                authorize, session, cors, lockout, other, management, passwords, trustedIssuers, ops);
    }

    /** The same configuration with other health and metrics settings. */
    public AuthbridgeConfig withManagement(ManagementConfig other) {
        return new AuthbridgeConfig(server, environmentId, directory, tenants, defaultTenant, store, clients, jwt,
                authorize, session, cors, lockout, audit, other, passwords, trustedIssuers, ops);
    }

    /** The same configuration with other password-change settings. */
    public AuthbridgeConfig withPasswords(PasswordsConfig other) {
        return new AuthbridgeConfig(server, environmentId, directory, tenants, defaultTenant, store, clients, jwt,
                authorize, session, cors, lockout, audit, management, other, trustedIssuers, ops);
    }

    /** The same configuration with other trusted issuers. */
    public AuthbridgeConfig withTrustedIssuers(List<TrustedIssuerConfig> other) {
        return new AuthbridgeConfig(server, environmentId, directory, tenants, defaultTenant, store, clients, jwt,
                authorize, session, cors, lockout, audit, management, passwords, List.copyOf(other), ops);
    }

    /** The same configuration with other operator-API settings. */
    public AuthbridgeConfig withOps(OpsConfig other) {
        return new AuthbridgeConfig(server, environmentId, directory, tenants, defaultTenant, store, clients, jwt,
                authorize, session, cors, lockout, audit, management, passwords, trustedIssuers, other);
    }

    /** The client of {@code config.yaml} with this id (clients in the store: {@code client.ClientRegistry}). */
    public Optional<ClientConfig> client(String id) {
        return clients.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
