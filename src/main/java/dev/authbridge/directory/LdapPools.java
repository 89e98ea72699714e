package dev.authbridge.directory;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.GetEntryLDAPConnectionPoolHealthCheck;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPConnectionPoolHealthCheck;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ServerSet;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.config.TlsMode;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The two connection pools {@link LdapDirectory} works with, built from {@link DirectoryConfig}.
 *
 * <ul>
 *   <li>{@code search}: bound as the service account (or anonymous), used for every search.
 *   <li>{@code bind}: used only for binds as users (password checks and changes), never for a
 *       search: a connection left bound as the last user can never serve a service search, so
 *       it need not be reverted (one bind per sign-in, not two).
 * </ul>
 *
 * <p>Both pools start empty and create connections on demand: a directory that is down at
 * start-up makes requests fail with a 503 until it is back, and never stops authbridge from
 * starting. Connections are checked in the background, replaced after
 * {@code maxConnectionAge} (Active Directory drops idle connections after 900 s) and an
 * operation that fails on a dead connection is retried once on a new one. Every wait — for a
 * connection, a new connection's set-up, each answer — fits in the caller's
 * {@link DirectoryDeadline} ({@link DeadlinePool}).
 */
record LdapPools(DeadlinePool search, DeadlinePool bind) implements AutoCloseable {

    static LdapPools open(DirectoryConfig config) {
        try {
            LDAPConnectionOptions options = connectionOptions(config);
            ServerSet servers = serverSet(config, options);
            PostConnectProcessor setUp = new DeadlineConnect(config.tls() == TlsMode.STARTTLS
                    ? new StartTLSPostConnectProcessor(sslContext(config))
                    : null, config.responseTimeout().toMillis());
            BindRequest serviceBind = config.bindDn() == null
                    ? null
                    : new SimpleBindRequest(config.bindDn(), config.bindPassword().reveal());
            // Reading the root DSE proves a connection answers; checked in the background and
            // after a failure, never on checkout (that would double every request).
            DeadlinePool search = pool(config, servers, serviceBind, setUp,
                    config.poolSize(), "authbridge-search",
                    new GetEntryLDAPConnectionPoolHealthCheck("",
                            config.responseTimeout().toMillis(), false, false, false, false, true, true));
            // Bind connections are anonymous between checks, and a directory may refuse
            // anonymous reads: only their connection state is checked.
            DeadlinePool bind = pool(config, servers, null, setUp,
                    config.poolSize(), "authbridge-bind",
                    new LDAPConnectionPoolHealthCheck());
            return new LdapPools(search, bind);
        } catch (LDAPException | GeneralSecurityException e) {
            // Only configuration problems (bad URL, unreadable trust store) end up here: the
            // pools themselves never connect at construction.
            throw new IllegalArgumentException("cannot set up directory connections: " + e.getMessage(), e);
        }
    }

    private static DeadlinePool pool(DirectoryConfig config, ServerSet servers,
            BindRequest bindRequest, PostConnectProcessor postConnect, int size, String name,
            LDAPConnectionPoolHealthCheck healthCheck) throws LDAPException {
        LDAPConnectionPool pool =
                new LDAPConnectionPool(servers, bindRequest, 0, Math.max(1, size), 1, postConnect, false);
        pool.setConnectionPoolName(name);
        pool.setCreateIfNecessary(true);
        pool.setMaxConnectionAgeMillis(config.maxConnectionAge().toMillis());
        pool.setHealthCheck(healthCheck);
        pool.setHealthCheckIntervalMillis(Math.max(1, config.healthCheckInterval().toMillis()));
        return new DeadlinePool(pool, Math.max(1, size), config.connectTimeout(), config.responseTimeout());
    }

    private static LDAPConnectionOptions connectionOptions(DirectoryConfig config) {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(Math.toIntExact(config.connectTimeout().toMillis()));
        options.setResponseTimeoutMillis(config.responseTimeout().toMillis());
        options.setAbandonOnTimeout(true);
        if (config.tls() != TlsMode.NONE) {
            // Checks that the certificate names the host we dialled (RFC 6125); trust alone
            // would accept any certificate the CA ever issued.
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        }
        return options;
    }

    /** The configured URLs in order: the first that answers is used (failover). */
    private static ServerSet serverSet(DirectoryConfig config, LDAPConnectionOptions options)
            throws LDAPException, GeneralSecurityException {
        List<String> urls = config.urls();
        String[] hosts = new String[urls.size()];
        int[] ports = new int[urls.size()];
        for (int i = 0; i < urls.size(); i++) {
            LDAPURL url = new LDAPURL(urls.get(i));
            hosts[i] = url.getHost();
            ports[i] = url.getPort();
        }
        SocketFactory sockets = config.tls() == TlsMode.LDAPS
                ? sslContext(config).getSocketFactory()
                : SocketFactory.getDefault();
        return hosts.length == 1
                ? new SingleServerSet(hosts[0], ports[0], sockets, options)
                : new FailoverServerSet(hosts, ports, sockets, options);
    }

    /** Trusts the configured trust store, or the JVM's default CAs; never everything. */
    private static SSLContext sslContext(DirectoryConfig config) throws GeneralSecurityException {
        TrustManager trust;
        if (config.trustStore() == null) {
            trust = JVMDefaultTrustManager.getInstance();
        } else {
            String file = config.trustStore().toString();
            String format = file.toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
            char[] pin = config.trustStorePassword() == null
                    ? null
                    : config.trustStorePassword().reveal().toCharArray();
            trust = new TrustStoreTrustManager(config.trustStore().toFile(), pin, format, true);
        }
        return new SSLUtil(trust).createSSLContext();
    }

    @Override
    public void close() {
        search.close();
        bind.close();
    }
}
