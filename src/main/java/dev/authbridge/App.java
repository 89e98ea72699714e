package dev.authbridge;

import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.directory.Directory;
import dev.authbridge.directory.EmbeddedDirectoryServer;
import dev.authbridge.directory.LdapDirectory;
import dev.authbridge.discovery.DiscoveryRoutes;
import dev.authbridge.jwt.GwsUserTokens;
import dev.authbridge.jwt.IdTokens;
import dev.authbridge.jwt.JwksRoutes;
import dev.authbridge.jwt.KeyRing;
import dev.authbridge.jwt.SqliteSigningKeyStore;
import dev.authbridge.oauth.ClientAuthenticator;
import dev.authbridge.oauth.TokenEndpoint;
import dev.authbridge.oauth.TokenIntrospection;
import dev.authbridge.oauth.TokenLifecycleRoutes;
import dev.authbridge.oauth.TokenRoutes;
import dev.authbridge.session.SessionRoutes;
import dev.authbridge.store.Database;
import dev.authbridge.token.SqliteTokenStore;
import dev.authbridge.token.TokenPurger;
import dev.authbridge.token.TokenService;
import dev.authbridge.token.TokenStore;
import dev.authbridge.userinfo.UserInfoRoutes;
import dev.authbridge.userinfo.UserInfoService;
import dev.authbridge.web.BearerAuth;
import dev.authbridge.web.HttpServer;
import dev.authbridge.web.PublicUrl;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every component in order, by hand, and owns their lifecycle.
 * Closing stops them in reverse order.
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private HttpServer http;

    private App() {}

    public static App start(AuthbridgeConfig config, Clock clock) {
        App app = new App();
        try {
            app.wire(config, clock);
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    private void wire(AuthbridgeConfig config, Clock clock) {
        DirectoryConfig directoryConfig = config.directory();
        if (directoryConfig.embedded() != null) {
            EmbeddedDirectoryServer embedded = own(EmbeddedDirectoryServer.start(directoryConfig.embedded()));
            directoryConfig = withUrl(directoryConfig, embedded.ldapUrl());
            log.warn("DEMO CONFIGURATION: embedded in-memory directory at {} seeded from {}",
                    embedded.ldapUrl(), directoryConfig.embedded().ldif());
        }
        Directory directory = own(new LdapDirectory(directoryConfig, config.tenants()));
        Database database = own(Database.open(config.store()));
        TokenStore store = new SqliteTokenStore(database);
        TokenPurger purger = own(new TokenPurger(store, config.store().purgeInterval(), clock));
        purger.start();

        PublicUrl publicUrl = new PublicUrl(config.server());
        KeyRing keys = KeyRing.open(new SqliteSigningKeyStore(database), config.jwt(), clock);
        TokenService tokens = new TokenService(store, clock);
        BearerAuth bearer = new BearerAuth(tokens);
        ClientAuthenticator clients = new ClientAuthenticator(config);
        TokenEndpoint tokenEndpoint = new TokenEndpoint(clients, directory, tokens, config.defaultTenant(),
                new IdTokens(keys, publicUrl, config.jwt().idTokenTtl(), clock), clock);
        GwsUserTokens gwsUser = new GwsUserTokens(keys, publicUrl, config.jwt().userInfoTtl(), clock);
        http = own(new HttpServer(config.server(), List.of(
                new TokenRoutes(tokenEndpoint),
                new TokenLifecycleRoutes(clients, tokens, new TokenIntrospection(clients, tokens, directory, publicUrl)),
                new UserInfoRoutes(bearer, new UserInfoService(directory, config.environmentId(), gwsUser)),
                new SessionRoutes(bearer, tokens, config),
                new JwksRoutes(keys),
                new DiscoveryRoutes(publicUrl, config.jwt().algorithm()))));
        http.start();
        publicUrl.bound(http.port());
        log.info("authbridge listening on http://{}:{}{}", config.server().host(), http.port(), HttpServer.BASE_PATH);
    }

    /** The HTTP port actually bound (useful when the configuration asks for port 0). */
    public int port() {
        return http.port();
    }

    private <T extends AutoCloseable> T own(T component) {
        started.push(component);
        return component;
    }

    private static DirectoryConfig withUrl(DirectoryConfig d, String url) {
        return new DirectoryConfig(List.of(url), d.bindDn(), d.bindPassword(), d.tls(), d.trustStore(),
                d.trustStorePassword(), d.connectTimeout(), d.responseTimeout(), d.poolSize(),
                d.maxConnectionAge(), d.healthCheckInterval(), d.users(), d.groups(), d.embedded());
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                log.warn("error while stopping: {}", e.toString());
            }
        }
    }
}
