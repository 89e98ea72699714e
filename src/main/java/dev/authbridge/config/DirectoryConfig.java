package dev.authbridge.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The LDAP directory authbridge authenticates against.
 *
 * @param urls LDAP URLs, tried in order (failover)
 * @param bindDn service account used for searches; {@code null} means anonymous search
 * @param trustStore trust store for LDAPS/StartTLS; {@code null} means the JVM's default trust
 * @param maxConnectionAge pooled connections are replaced after this age (AD drops idle
 *     connections after 900 s)
 * @param embedded when not {@code null}, authbridge runs an in-memory directory itself
 * @param userCacheTtl how long a user read for a token check is reused (0 = never)
 */
public record DirectoryConfig(
        List<String> urls,
        String bindDn,
        Secret bindPassword,
        TlsMode tls,
        Path trustStore,
        Secret trustStorePassword,
        Duration connectTimeout,
        Duration responseTimeout,
        int poolSize,
        Duration maxConnectionAge,
        Duration healthCheckInterval,
        UsersConfig users,
        GroupsConfig groups,
        EmbeddedConfig embedded,
        Duration userCacheTtl) {}
