package dev.authbridge;

import dev.authbridge.api.PublicUrl;
import dev.authbridge.authorize.AuthSchemeRoutes;
import dev.authbridge.authorize.AuthorizeEndpoint;
import dev.authbridge.authorize.AuthorizeRoutes;
import dev.authbridge.authorize.DemoCallbackRoutes;
import dev.authbridge.authorize.SignIn;
import dev.authbridge.authorize.SignInFlow;
import dev.authbridge.audit.AuditLog;
import dev.authbridge.audit.JsonAuditLog;
import dev.authbridge.client.ClientAdministration;
import dev.authbridge.client.ClientRegistry;
import dev.authbridge.client.ClientSecrets;
import dev.authbridge.client.SqlClientStore;
import dev.authbridge.client.StoreBackedClientRegistry;
import dev.authbridge.code.AuthorizationCodes;
import dev.authbridge.code.SqlAuthorizationCodeStore;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.config.ManagementConfig;
import dev.authbridge.config.ServerConfig;
import dev.authbridge.directory.CachingDirectory;
import dev.authbridge.directory.Directory;
import dev.authbridge.directory.DirectoryDeadline;
import dev.authbridge.directory.EmbeddedDirectoryServer;
import dev.authbridge.directory.LdapDirectory;
import dev.authbridge.directory.Tenants;
import dev.authbridge.discovery.DiscoveryRoutes;
import dev.authbridge.federation.SqlAssertionReplayStore;
import dev.authbridge.federation.TrustedIssuers;
import dev.authbridge.health.HealthRoutes;
import dev.authbridge.health.Metrics;
import dev.authbridge.health.TimedDirectory;
import dev.authbridge.jwt.GwsUserTokens;
import dev.authbridge.jwt.IdTokenHints;
import dev.authbridge.jwt.IdTokens;
import dev.authbridge.jwt.JwksRoutes;
import dev.authbridge.jwt.KeyRing;
import dev.authbridge.jwt.SqlSigningKeyStore;
import dev.authbridge.lockout.ClientGuard;
import dev.authbridge.lockout.LoginThrottle;
import dev.authbridge.lockout.OperatorGuard;
import dev.authbridge.lockout.SignInGuard;
import dev.authbridge.lockout.SqlLockoutStore;
import dev.authbridge.oauth.AssertionSignIn;
import dev.authbridge.oauth.AuthorizationCodeGrant;
import dev.authbridge.oauth.ClientAuthenticator;
import dev.authbridge.oauth.ClientCredentialsGrant;
import dev.authbridge.oauth.JwtBearerGrant;
import dev.authbridge.oauth.PasswordGrant;
import dev.authbridge.oauth.RefreshTokenGrant;
import dev.authbridge.oauth.TokenEndpoint;
import dev.authbridge.oauth.TokenExchangeGrant;
import dev.authbridge.oauth.TokenIntrospection;
import dev.authbridge.oauth.TokenLifecycleRoutes;
import dev.authbridge.oauth.TokenRoutes;
import dev.authbridge.oauth.TrustedSubjectTokens;
import dev.authbridge.ops.OpsAuthenticator;
import dev.authbridge.ops.OpsClientRoutes;
import dev.authbridge.password.PasswordRoutes;
import dev.authbridge.password.PasswordService;
import dev.authbridge.session.BrowserSessions;
import dev.authbridge.session.SessionRoutes;
import dev.authbridge.session.SignOut;
import dev.authbridge.session.SqlBrowserSessionStore;
import dev.authbridge.store.ChangeFeed;
import dev.authbridge.store.Database;
import dev.authbridge.store.ExpiryPurger;
import dev.authbridge.store.SharedSecrets;
import dev.authbridge.token.SqlTokenAdmin;
import dev.authbridge.token.SqlTokenStore;
import dev.authbridge.token.TokenPurger;
import dev.authbridge.token.TokenService;
import dev.authbridge.token.TokenStore;
import dev.authbridge.userinfo.UserInfoRoutes;
import dev.authbridge.userinfo.UserInfoService;
import dev.authbridge.web.BearerAuth;
import dev.authbridge.web.Cookies;
import dev.authbridge.web.Cors;
import dev.authbridge.web.Csrf;
import dev.authbridge.web.HttpObserver;
import dev.authbridge.web.HttpServer;
import dev.authbridge.web.Routes;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntSupplier;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every component in order, by hand, and owns their lifecycle.
 * Closing stops them in reverse order.
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    /** The shipped config.yaml's ops password, said aloud at boot when still in use. */
    private static final String DEMO_OPS_PASSWORD = "demo-ops-password";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private HttpServer http;
    private HttpServer management;

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
        Metrics metrics = new Metrics();
        // Opening the store (loading SQLite's native library, the pool, the schema check) and
        // starting the embedded directory take a few hundred milliseconds each and need nothing
        // from each other: the store opens on another thread meanwhile.
        CompletableFuture<Database> opening = CompletableFuture.supplyAsync(() -> Database.open(config.store(), metrics));
        started.push(() -> closeWhenOpened(opening));
        DirectoryConfig directoryConfig = config.directory();
        if (directoryConfig.embedded() != null) {
            EmbeddedDirectoryServer embedded = own(EmbeddedDirectoryServer.start(directoryConfig.embedded()));
            directoryConfig = withUrl(directoryConfig, embedded.ldapUrl());
            log.warn("DEMO CONFIGURATION: embedded in-memory directory at {} seeded from {}",
                    embedded.ldapUrl(), directoryConfig.embedded().ldif());
        }
        AuditLog audit = AuditLog.fanOut(List.of(own(JsonAuditLog.open(config.audit(), clock, metrics::auditLineDropped)), metrics));
        LdapDirectory ldap = own(new LdapDirectory(directoryConfig, config.tenants(),
                config.passwords().changeStrategy(), clock));
        metrics.bindDirectoryPools(ldap::poolStatistics);
        // One deadline per directory call (connect + response timeout), however many waits it has.
        Directory timedDirectory = TimedDirectory.wrap(DirectoryDeadline.wrap(ldap,
                directoryConfig.connectTimeout().plus(directoryConfig.responseTimeout())), metrics);
        Database database = opened(opening);
        // What one instance changes in the store, every other instance hears of (user caches, keys).
        ChangeFeed changes = own(database.changeFeed(clock));
        // Token checks and refreshes read users through the cache; single sign-on, which starts
        // a new sign-in without a password, always asks the directory whether the user exists.
        CachingDirectory directory = new CachingDirectory(timedDirectory, directoryConfig.userCacheTtl(), clock,
                subject -> userChanged(changes, subject));
        changes.subscribe(ChangeFeed.USERS, subject -> {
            if (subject.isEmpty()) {
                directory.forgetAll();
            } else {
                directory.forget(subject);
            }
        });
        // An attempt waits for the one before it on the same account at most as long as that
        // one can wait for the directory.
        LoginThrottle throttle = new LoginThrottle(new SqlLockoutStore(database), config.lockout(), clock,
                directoryConfig.connectTimeout().plus(directoryConfig.responseTimeout()));
        SignInGuard guard = new SignInGuard(directory, throttle, audit);
        Tenants tenants = Tenants.of(config);
        TokenStore store = new SqlTokenStore(database);
        TokenPurger tokenPurger = new TokenPurger(store, config.store().purgeInterval(), clock);

        PublicUrl publicUrl = new PublicUrl(config.server());
        // The key of the forms' CSRF tokens and the Ed25519 keys' secret, made once and kept in
        // the store: every instance accepts the forms of every other, a form survives a restart,
        // every instance signs X-GWS-User with the same Ed25519 keys.
        SharedSecrets secrets = new SharedSecrets(database, clock);
        // Ed25519 companions of the signing keys only when a client verifies X-GWS-User as EdDSA.
        boolean edDsa = config.clients().stream().anyMatch(ClientConfig::gwsUserEdDsa);
        KeyRing keys = KeyRing.open(new SqlSigningKeyStore(database), config.jwt(), clock,
                edDsa ? () -> secrets.getOrCreate("x-gws-user-ed25519", 32) : null);
        changes.subscribe(ChangeFeed.SIGNING_KEYS, kid -> keys.reload());
        TokenService tokens = new TokenService(store, clock, subject -> {
            directory.forget(subject);
            userChanged(changes, subject);
        });
        BearerAuth bearer = new BearerAuth(tokens);
        AuthorizationCodes codes = new AuthorizationCodes(new SqlAuthorizationCodeStore(database), tokens,
                config.authorize(), clock);
        BrowserSessions sessions = new BrowserSessions(new SqlBrowserSessionStore(database), config.session(), clock);
        // Trusted issuers' JWTs (the assertion grant, token exchange) name a user instead of a
        // password; each token's use is remembered in the store, so no instance takes it twice.
        TrustedIssuers trustedIssuers = new TrustedIssuers(config.trustedIssuers(), publicUrl, tenants,
                new SqlAssertionReplayStore(database), clock);
        AssertionSignIn assertions = new AssertionSignIn(trustedIssuers, directory, audit);
        // One thread deletes what expired in every store, one store after the other.
        Map<String, IntSupplier> purges = new LinkedHashMap<>();
        purges.put("tokens", tokenPurger::purgeNow);
        purges.put("login failures and lockouts", throttle::purge);
        purges.put("authorization codes", codes::purgeExpired);
        purges.put("browser sessions", sessions::purgeExpired);
        purges.put("used assertions", trustedIssuers::purgeExpired);
        own(ExpiryPurger.start("store-purger", config.store().purgeInterval(), purges));
        Cookies cookies = new Cookies(publicUrl);
        Csrf csrf = new Csrf(Csrf.sharedKey(() -> secrets.getOrCreate("csrf-form-key", 32)), clock);
        // The clients of config.yaml, then those operators registered in the store (read at
        // each lookup: one created or deleted on any instance counts at once).
        ClientSecrets clientSecrets = new ClientSecrets();
        SqlClientStore clientStore = new SqlClientStore(database);
        ClientRegistry registry = new StoreBackedClientRegistry(config.clients(), clientStore, clientSecrets);
        ClientAdministration clientAdministration = new ClientAdministration(config.clients(), clientStore,
                new SqlTokenAdmin(database), clientSecrets, audit, clock, config.ops().maxClients(),
                !config.trustedIssuers().isEmpty());
        ClientAuthenticator clients = new ClientAuthenticator(registry, new ClientGuard(throttle, audit));
        TokenEndpoint tokenEndpoint = new TokenEndpoint(clients, tokens, List.of(
                        new PasswordGrant(guard, tokens, tenants, clock),
                        new RefreshTokenGrant(directory, tokens, audit),
                        new ClientCredentialsGrant(tokens),
                        new AuthorizationCodeGrant(codes, tokens),
                        new JwtBearerGrant(assertions, tokens, clock),
                        new TokenExchangeGrant(registry::client, tokens, directory,
                                new TrustedSubjectTokens(assertions, clock))),
                new IdTokens(keys, publicUrl, config.jwt().idTokenTtl(), clock), audit, clock);
        GwsUserTokens gwsUser = new GwsUserTokens(keys, publicUrl, config.jwt().userInfoTtl(), clock,
                id -> config.client(id).map(ClientConfig::gwsUserEdDsa).orElse(false));
        AuthorizeEndpoint authorizeEndpoint = new AuthorizeEndpoint(registry, publicUrl, codes, tokens, audit, clock);
        PasswordService passwords = new PasswordService(directory, guard, tokens, sessions, tenants,
                config.passwords().revokeOtherSessionsOnChange());
        Map<String, HealthRoutes.Check> readiness = new LinkedHashMap<>();
        readiness.put("directory", ldap::checkHealth);
        readiness.put("store", database::checkHealth);
        HealthRoutes health = new HealthRoutes(config.management(), readiness, metrics);
        List<Routes> routes = new ArrayList<>(List.of(
                new Cors(config.cors(), config.tenants()),
                new TokenRoutes(tokenEndpoint),
                new TokenLifecycleRoutes(clients, tokens, new TokenIntrospection(clients, tokens, directory, publicUrl),
                        audit),
                new UserInfoRoutes(bearer, new UserInfoService(directory, config.environmentId(), gwsUser)),
                new SessionRoutes(bearer, sessions, cookies, new SignOut(tokens, sessions,
                        new IdTokenHints(keys, publicUrl), registry, audit), csrf, publicUrl),
                new PasswordRoutes(bearer, passwords),
                new AuthorizeRoutes(authorizeEndpoint, new SignInFlow(authorizeEndpoint, new SignIn(guard, clock),
                        sessions, timedDirectory, tenants, passwords), cookies, csrf, publicUrl, tenants),
                new DemoCallbackRoutes(publicUrl, config.directory().embedded() != null),
                new JwksRoutes(keys),
                new DiscoveryRoutes(publicUrl, config.jwt().algorithm()),
                // Health and metrics share the API's listener unless management.port gives them one.
                config.management().separateListener() ? HealthRoutes.NONE : health,
                new AuthSchemeRoutes()));
        if (config.ops().enabled()) {
            // Off unless configured: without ops.user and ops.password its paths are unknown (404).
            if (config.ops().password().matches(DEMO_OPS_PASSWORD)) {
                log.warn("DEMO CONFIGURATION: the ops client API accepts the demo password; set ops.password"
                        + " (AUTHBRIDGE_OPS_PASSWORD in the shipped config.yaml)");
            }
            routes.add(new OpsClientRoutes(new OpsAuthenticator(config.ops(), new OperatorGuard(throttle, audit)),
                    clientAdministration));
        }
        http = own(new HttpServer(config.server(), routes, metrics::onRequest));
        http.start();
        publicUrl.bound(http.port());
        if (config.management().separateListener()) {
            ManagementConfig m = config.management();
            management = own(new HttpServer(new ServerConfig(m.host(), m.port(), config.server().maxBodyBytes(), null),
                    List.of(health), HttpObserver.NONE));
            management.start();
            log.info("health and metrics on http://{}:{}{}", m.host(), management.port(), m.healthPath());
        }
        log.info("authbridge listening on {}://{}:{}{}", config.server().tls() == null ? "http" : "https",
                config.server().host(), http.port(), PublicUrl.BASE_PATH);
    }

    /** The HTTP port actually bound (useful when the configuration asks for port 0). */
    public int port() {
        return http.port();
    }

    /** The port of the separate health and metrics listener ({@code management.port}); -1 when none. */
    public int managementPort() {
        return management == null ? -1 : management.port();
    }

    /** Tells every instance to drop what it cached of the user (a client's tokens have none). */
    private static void userChanged(ChangeFeed changes, String subject) {
        if (subject != null) {
            changes.publish(ChangeFeed.USERS, subject);
        }
    }

    private static Database opened(CompletableFuture<Database> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static void closeWhenOpened(CompletableFuture<Database> opening) {
        try {
            opening.join().close();
        } catch (CompletionException e) {
            // it never opened: nothing to close
        }
    }

    private <T extends AutoCloseable> T own(T component) {
        started.push(component);
        return component;
    }

    /** The directory settings pointed at {@code url} (an embedded server's, once started). */
    public static DirectoryConfig withUrl(DirectoryConfig d, String url) {
        return new DirectoryConfig(List.of(url), d.bindDn(), d.bindPassword(), d.tls(), d.trustStore(),
                d.trustStorePassword(), d.connectTimeout(), d.responseTimeout(), d.poolSize(),
                d.maxConnectionAge(), d.healthCheckInterval(), d.users(), d.groups(), d.embedded(), d.userCacheTtl());
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
