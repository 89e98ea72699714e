package dev.authbridge.testing;

import dev.authbridge.config.AuditConfig;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.config.ConfigLoader;
import dev.authbridge.config.CorsConfig;
import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.config.EmbeddedConfig;
import dev.authbridge.config.JwtConfig;
import dev.authbridge.config.LockoutConfig;
import dev.authbridge.config.ManagementConfig;
import dev.authbridge.config.NetworkRange;
import dev.authbridge.config.OpsConfig;
import dev.authbridge.config.PasswordsConfig;
import dev.authbridge.config.Secret;
import dev.authbridge.config.ServerConfig;
import dev.authbridge.config.SessionConfig;
import dev.authbridge.config.StoreConfig;
import dev.authbridge.config.TenantConfig;
import dev.authbridge.config.TlsConfig;
import dev.authbridge.config.TrustedIssuerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A test's configuration, built by type: the shipped {@code config.yaml} as {@link ConfigLoader}
 * reads it at boot, changed by typed copies, never by editing its text. Immutable: every
 * {@code with…} answers a new one, so a test may branch several variants off one base.
 *
 * <pre>{@code
 * TestConfig.shipped(dir)                                    // ports 0, store in dir, test clients
 *         .externalDirectory(slapd.url(), ofSeconds(1), ofSeconds(2))
 *         .withLockout(l -> l.withIpMaxFailures(5))
 *         .addClients(TestClient.confidential("short-lived", "short-secret").grants("password").build())
 * }</pre>
 *
 * {@link #build()} gives the {@link AuthbridgeConfig} for {@link RunningApp}; {@link #yaml()} the
 * same as a file's text, for what reads a file (a separate JVM, the CLI): see {@link ConfigYaml}.
 * The values given here are used as they are; the loader's checks and normalisations (an origin
 * lower-cased, a trailing slash dropped) are the config tests' business.
 */
public final class TestConfig {
    /** The repository: where {@code config.yaml} and {@code ldif/} are. */
    public static final Path REPO = Path.of("").toAbsolutePath();

    /** Clients every HTTP test may use, beside the shipped {@code demo-client}. */
    public static final List<ClientConfig> TEST_CLIENTS = List.of(
            TestClient.publicClient("public-app").grants("password", "refresh_token").build(),
            TestClient.confidential("service", "service-secret").grants("client_credentials").build(),
            TestClient.confidential("no-refresh", "no-refresh-secret").grants("password").build(),
            TestClient.confidential("legacy", "legacy-secret").grants("password", "refresh_token")
                    .keepingRefreshTokens().build(),
            TestClient.confidential("other", "other-secret").grants("password", "refresh_token")
                    .redirectUris("https://other.example/done").build());

    private final AuthbridgeConfig config;

    private TestConfig(AuthbridgeConfig config) {
        this.config = config;
    }

    /** {@code config.yaml} exactly as shipped, read as the loader reads it (no environment). */
    public static AuthbridgeConfig shippedFile() {
        return new ConfigLoader(Map.of()).load(REPO.resolve("config.yaml"));
    }

    /**
     * The shipped configuration on test terms: the API and the embedded directory on port 0, the
     * store ({@code tokens.db}) and the audit log ({@code audit.log}) in {@code dir}, and
     * {@link #TEST_CLIENTS} after the shipped {@code demo-client}.
     */
    public static TestConfig shipped(Path dir) {
        return of(shippedFile())
                .withServer(server -> server.withPort(0))
                .withEmbedded(embedded -> embedded.withPort(0))
                .withStore(dir.resolve("tokens.db"))
                .addClients(TEST_CLIENTS);
    }

    /** A configuration to change by type. */
    public static TestConfig of(AuthbridgeConfig config) {
        return new TestConfig(config);
    }

    public AuthbridgeConfig build() {
        return config;
    }

    /** {@link #build()} as the text of a {@code config.yaml} (expanded values, absolute paths). */
    public String yaml() {
        return ConfigYaml.write(config);
    }

    public TestConfig withServer(UnaryOperator<ServerConfig> change) {
        return of(config.withServer(change.apply(config.server())));
    }

    /** {@code server.publicUrl}, as the loader keeps it: without a trailing slash. */
    public TestConfig withPublicUrl(String url) {
        return withServer(server -> server.withPublicUrl(url));
    }

    /** {@code server.trustedProxies}: addresses or CIDR blocks. */
    public TestConfig withTrustedProxies(String... ranges) {
        return withServer(server -> server.withTrustedProxies(Arrays.stream(ranges).map(NetworkRange::parse).toList()));
    }

    /** {@code server.tls}: HTTPS with the PKCS#12 {@code keyStore}, opened now as the loader opens it. */
    public TestConfig withTls(Path keyStore, String password, Duration hstsMaxAge) {
        KeyStore loaded;
        try (InputStream in = Files.newInputStream(keyStore)) {
            loaded = KeyStore.getInstance("PKCS12");
            loaded.load(in, password.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open " + keyStore, e);
        }
        TlsConfig tls = new TlsConfig(keyStore, loaded, new Secret(password), new Secret(password), hstsMaxAge);
        return withServer(server -> server.withTls(tls));
    }

    public TestConfig withDirectory(UnaryOperator<DirectoryConfig> change) {
        return of(config.withDirectory(change.apply(config.directory())));
    }

    /**
     * The shipped directory settings (service account, users, groups) pointed at the external
     * directories {@code urls} (in failover order) instead of the embedded one.
     */
    public TestConfig externalDirectory(List<String> urls, Duration connectTimeout, Duration responseTimeout) {
        return withDirectory(directory -> directory.withEmbedded(null).withUrls(urls)
                .withTimeouts(connectTimeout, responseTimeout));
    }

    public TestConfig externalDirectory(String url, Duration connectTimeout, Duration responseTimeout) {
        return externalDirectory(List.of(url), connectTimeout, responseTimeout);
    }

    /** Changes {@code directory.embedded}; the configuration must have one. */
    public TestConfig withEmbedded(UnaryOperator<EmbeddedConfig> change) {
        EmbeddedConfig embedded = Objects.requireNonNull(config.directory().embedded(), "no embedded directory");
        return withDirectory(directory -> directory.withEmbedded(change.apply(embedded)));
    }

    public TestConfig withTenants(List<TenantConfig> tenants, String defaultTenant) {
        return of(config.withTenants(tenants, defaultTenant));
    }

    /** Changes the tenant whose first domain is {@code domain}. */
    public TestConfig withTenant(String domain, UnaryOperator<TenantConfig> change) {
        if (config.tenants().stream().noneMatch(t -> t.domains().get(0).equals(domain))) {
            throw new IllegalArgumentException("no tenant " + domain + " in " + config.tenants());
        }
        return withTenants(config.tenants().stream()
                .map(t -> t.domains().get(0).equals(domain) ? change.apply(t) : t)
                .toList(), config.defaultTenant());
    }

    /**
     * The store in the SQLite file {@code file}. The audit log follows it when it was the
     * loader's default ({@code audit.log} next to the store), as the loader would have put it.
     */
    public TestConfig withStore(Path file) {
        StoreConfig store = config.store();
        Path path = file.toAbsolutePath().normalize();
        return withStore(new StoreConfig(path, store.busyTimeout(), store.purgeInterval()));
    }

    /** Another store; the audit log follows it as in {@link #withStore(Path)}. */
    public TestConfig withStore(StoreConfig store) {
        AuditConfig audit = config.audit();
        Path oldPath = config.store().path();
        if (oldPath != null && store.path() != null && audit.file() != null
                && audit.file().equals(oldPath.resolveSibling("audit.log"))) {
            audit = new AuditConfig(store.path().resolveSibling("audit.log"), audit.stdout(), audit.failClosed());
        }
        return of(config.withStore(store).withAudit(audit));
    }

    public TestConfig withClients(List<ClientConfig> clients) {
        return of(config.withClients(clients));
    }

    /** {@code clients} registered after the ones already there. */
    public TestConfig addClients(List<ClientConfig> clients) {
        List<ClientConfig> all = new ArrayList<>(config.clients());
        all.addAll(clients);
        return withClients(all);
    }

    public TestConfig addClients(ClientConfig... clients) {
        return addClients(List.of(clients));
    }

    public TestConfig withJwt(JwtConfig jwt) {
        return of(config.withJwt(jwt));
    }

    public TestConfig withSession(SessionConfig session) {
        return of(config.withSession(session));
    }

    public TestConfig withCors(CorsConfig cors) {
        return of(config.withCors(cors));
    }

    public TestConfig withLockout(UnaryOperator<LockoutConfig> change) {
        return of(config.withLockout(change.apply(config.lockout())));
    }

    public TestConfig withAudit(AuditConfig audit) {
        return of(config.withAudit(audit));
    }

    public TestConfig withManagement(ManagementConfig management) {
        return of(config.withManagement(management));
    }

    public TestConfig withTrustedIssuers(TrustedIssuerConfig... issuers) {
        return of(config.withTrustedIssuers(List.of(issuers)));
    }

    public TestConfig withPasswords(PasswordsConfig passwords) {
        return of(config.withPasswords(passwords));
    }

    /** {@code ops}: the operators' client API ({@link OpsConfig#OFF} turns it off). */
    public TestConfig withOps(OpsConfig ops) {
        return of(config.withOps(ops));
    }

    @Override
    public String toString() {
        return "TestConfig[" + config + "]";
    }
}
