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
        Duration userCacheTtl) {

    /** The same settings with other URLs (an embedded directory stays). */
    public DirectoryConfig withUrls(List<String> other) {
        return new DirectoryConfig(List.copyOf(other), bindDn, bindPassword, tls, trustStore, trustStorePassword,
                connectTimeout, responseTimeout, poolSize, maxConnectionAge, healthCheckInterval, users, groups,
                embedded, userCacheTtl);
    }

    /** The same settings with another embedded directory; {@code null}: the external one at {@code urls}. */
    public DirectoryConfig withEmbedded(EmbeddedConfig other) {
        return new DirectoryConfig(urls, bindDn, bindPassword, tls, trustStore, trustStorePassword, connectTimeout,
                responseTimeout, poolSize, maxConnectionAge, healthCheckInterval, users, groups, other, userCacheTtl);
    }

    /** The same settings with other timeouts. */
    public DirectoryConfig withTimeouts(Duration connect, Duration response) {
        return new DirectoryConfig(urls, bindDn, bindPassword, tls, trustStore, trustStorePassword, connect,
                response, poolSize, maxConnectionAge, healthCheckInterval, users, groups, embedded, userCacheTtl);
    }

    /** The same settings with another pool size. */
    public DirectoryConfig withPoolSize(int other) {
        return new DirectoryConfig(urls, bindDn, bindPassword, tls, trustStore, trustStorePassword, connectTimeout,
                responseTimeout, other, maxConnectionAge, healthCheckInterval, users, groups, embedded, userCacheTtl);
    }

    /** The same settings with another user cache lifetime (0 = no cache). */
    public DirectoryConfig withUserCacheTtl(Duration other) {
        return new DirectoryConfig(urls, bindDn, bindPassword, tls, trustStore, trustStorePassword, connectTimeout,
                responseTimeout, poolSize, maxConnectionAge, healthCheckInterval, users, groups, embedded, other);
    }

    /** The same settings with another service-account password. */
    public DirectoryConfig withBindPassword(Secret other) {
        return new DirectoryConfig(urls, bindDn, other, tls, trustStore, trustStorePassword, connectTimeout,
                responseTimeout, poolSize, maxConnectionAge, healthCheckInterval, users, groups, embedded,
                userCacheTtl);
    }

    /** The same settings with other TLS: the mode, and the trust store ({@code null}: the JVM's). */
    public DirectoryConfig withTls(TlsMode mode, Path store, Secret storePassword) {
        return new DirectoryConfig(urls, bindDn, bindPassword, mode, store, storePassword, connectTimeout,
                responseTimeout, poolSize, maxConnectionAge, healthCheckInterval, users, groups, embedded,
                userCacheTtl);
    }
}
