package dev.authbridge.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.authbridge.name.NameForm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads {@code config.yaml} into an {@link AuthbridgeConfig}: expands {@code ${ENV}} references,
 * applies defaults, and validates everything at once, so an operator sees every problem (one
 * line each, with the key's path) in a single run. Relative paths are relative to the file.
 */
public final class ConfigLoader {
    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public AuthbridgeConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read the configuration file (" + e.getMessage() + ")"));
        }
        return parse(text, file.toAbsolutePath().getParent());
    }

    public AuthbridgeConfig parse(String yaml, Path baseDir) {
        JsonNode tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JacksonException e) {
            throw new ConfigException(List.of("(file): not valid YAML: " + e.getOriginalMessage()));
        }
        List<String> problems = new ArrayList<>();
        if (tree != null) {
            tree = expandEnv(tree, "", problems);
        }
        ConfigNode root = new ConfigNode("", tree, problems);
        AuthbridgeConfig config = read(root, baseDir);
        root.finish();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    /**
     * The PostgreSQL store that {@code store.url} and the keys beside it would configure, for a
     * command naming a store on its command line ({@code store copy --to}); null values are keys
     * left out. Validated as the configuration file's store is.
     *
     * @throws ConfigException listing every problem, by the key's name
     */
    public PostgresConfig postgresStore(String url, String user, String password, String sslMode, String sslRootCert,
            Path baseDir) {
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("url", url == null ? "" : url);
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("user", user);
        keys.put("password", password);
        keys.put("sslMode", sslMode);
        keys.put("sslRootCert", sslRootCert);
        keys.forEach((k, v) -> {
            if (v != null) {
                node.put(k, v);
            }
        });
        List<String> problems = new ArrayList<>();
        StoreConfig store = StoreSection.read(new ConfigNode("store", node, problems), baseDir);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return store.postgres();
    }

    private AuthbridgeConfig read(ConfigNode root, Path baseDir) {
        ServerConfig server = readServer(root.child("server"), baseDir);
        UUID environmentId = root.uuid("environmentId", true);
        List<TenantConfig> tenants = readTenants(root);
        DirectoryConfig directory = new DirectorySection(root.child("directory"), baseDir).read();
        String defaultTenant = root.string("defaultTenant", null);
        if (defaultTenant != null && tenants.stream().flatMap(t -> t.domains().stream())
                .map(NameForm::canonical).noneMatch(NameForm.canonical(defaultTenant)::equals)) {
            root.problem("defaultTenant", "'" + defaultTenant + "' is not a domain of any configured tenant");
        }
        StoreConfig store = StoreSection.read(root.child("store"), baseDir);
        List<ClientConfig> clients = readClients(root);
        JwtConfig jwt = readJwt(root.child("jwt"));
        AuthorizeConfig authorize = BrowserSection.authorize(root.child("authorize"));
        SessionConfig session = BrowserSection.session(root.child("session"));
        CorsConfig cors = BrowserSection.cors(root.child("cors"));
        LockoutConfig lockout = OperationsSection.lockout(root.child("lockout"));
        AuditConfig audit = OperationsSection.audit(root.child("audit"), baseDir, store);
        ManagementConfig management = OperationsSection.management(root.child("management"), server);
        PasswordsConfig passwords = readPasswords(root.child("passwords"), directory);
        List<TrustedIssuerConfig> trustedIssuers = TrustedIssuersSection.read(root, new IssuerKeysSection(baseDir),
                directory, tenants, defaultTenant);
        if (trustedIssuers.isEmpty()) {
            for (int i = 0; i < clients.size(); i++) {
                if (clients.get(i).allows(TrustedIssuerConfig.ASSERTION_GRANT_TYPE)) {
                    root.problem("clients[" + i + "].grantTypes", TrustedIssuerConfig.ASSERTION_GRANT_TYPE
                            + " takes assertions of trustedIssuers, and none is configured");
                }
            }
        }
        OpsConfig ops = OperationsSection.ops(root.child("ops"));
        return new AuthbridgeConfig(server, environmentId, directory, tenants, defaultTenant, store, clients, jwt,
                authorize, session, cors, lockout, audit, management, passwords, trustedIssuers, ops);
    }

    private static PasswordsConfig readPasswords(ConfigNode node, DirectoryConfig directory) {
        PasswordChangeStrategy strategy = node.parsed("changeStrategy", PasswordChangeStrategy.AUTO,
                PasswordChangeStrategy::parse, "one of auto, passwordModify, modify, replace, activeDirectory");
        if (strategy == PasswordChangeStrategy.ACTIVE_DIRECTORY && directory.tls() == TlsMode.NONE) {
            node.problem("changeStrategy", "activeDirectory changes passwords only over TLS:"
                    + " set directory.tls to ldaps or starttls");
        }
        boolean revoke = node.bool("revokeOtherSessionsOnChange", true);
        node.finish();
        return new PasswordsConfig(strategy, revoke);
    }

    private static JwtConfig readJwt(ConfigNode node) {
        SigningAlgorithm algorithm = node.parsed("algorithm", SigningAlgorithm.RS256,
                SigningAlgorithm::valueOf, "one of RS256, ES256");
        Duration userInfo = positive(node, "userInfoTtl", Duration.ofMinutes(5));
        Duration idToken = positive(node, "idTokenTtl", Duration.ofHours(1));
        node.finish();
        return new JwtConfig(algorithm, userInfo, idToken);
    }

    private static Duration positive(ConfigNode node, String key, Duration fallback) {
        Duration d = node.parsed(key, fallback, ConfigValues::duration, "a duration such as 5m");
        if (d.isZero() || d.isNegative()) {
            node.problem(key, "must be positive");
            return fallback;
        }
        return d;
    }

    private static ServerConfig readServer(ConfigNode node, Path baseDir) {
        String host = node.string("host", "127.0.0.1");
        int port = node.integer("port", 8095, 0, 65535);
        long maxBody = node.parsed("maxBodySize", 64L * 1024, ConfigValues::bytes, "a size such as 65536 or 64KiB");
        if (maxBody < 1024) {
            node.problem("maxBodySize", "must be at least 1KiB");
        }
        String publicUrl = node.parsed("publicUrl", null, ConfigValues::publicUrl,
                "an absolute http(s) URL without query, fragment or user info");
        if (publicUrl == null && !node.has("publicUrl") && ConfigValues.isWildcard(host)) {
            node.problem("publicUrl", "is required when host listens on every interface ('" + host
                    + "'): the issuer and absolute URLs cannot be derived from a wildcard address");
        }
        TlsConfig tls = OperationsSection.tls(node, baseDir);
        List<NetworkRange> trustedProxies = OperationsSection.trustedProxies(node);
        HttpLimits limits = HttpLimitsSection.read(node);
        node.finish();
        return new ServerConfig(host, port, maxBody, publicUrl, tls, trustedProxies, limits);
    }

    private static List<TenantConfig> readTenants(ConfigNode root) {
        List<TenantConfig> tenants = new ArrayList<>();
        Set<String> domains = new HashSet<>();
        for (ConfigNode t : root.list("tenants")) {
            UUID id = t.uuid("id", true);
            String name = t.requiredString("name");
            List<String> tenantDomains = t.strings("domains", List.of());
            if (tenantDomains.isEmpty()) {
                t.problem("domains", "needs at least one domain name");
            }
            for (String d : tenantDomains) {
                // Compared as typed names are (NameForm.canonical): "Demo" and " demo" are one domain.
                if (NameForm.canonical(d).isEmpty() || d.contains("\\")) {
                    t.problem("domains", "'" + d + "' is not a valid domain name (no backslash, not empty)");
                } else if (!domains.add(NameForm.canonical(d))) {
                    t.problem("domains", "'" + d + "' is used by another tenant");
                }
            }
            String usersBaseDn = DirectorySection.dn(t, "usersBaseDn", null, true);
            String groupsBaseDn = DirectorySection.dn(t, "groupsBaseDn", usersBaseDn, false);
            List<String> corsOrigins = BrowserSection.origins(t, "corsAllowedOrigins");
            t.finish();
            tenants.add(new TenantConfig(id, name, tenantDomains, usersBaseDn, groupsBaseDn, corsOrigins));
        }
        return List.copyOf(tenants);
    }

    private static List<ClientConfig> readClients(ConfigNode root) {
        List<ClientConfig> clients = new ArrayList<>();
        List<ConfigNode> nodes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigNode c : root.list("clients")) {
            String id = c.requiredString("id");
            if (id != null && !ids.add(id)) {
                c.problem("id", "'" + id + "' is registered twice");
            }
            String secret = c.string("secret", null);
            List<String> grants = c.strings("grantTypes", List.of());
            if (grants.isEmpty()) {
                c.problem("grantTypes", "needs at least one of " + ClientConfig.GRANT_TYPES);
            }
            for (String g : grants) {
                if (!ClientConfig.GRANT_TYPES.contains(g)) {
                    c.problem("grantTypes", "'" + g + "' is not one of " + ClientConfig.GRANT_TYPES);
                }
            }
            if (secret == null && grants.contains("client_credentials")) {
                c.problem("grantTypes", "client_credentials needs a client secret (a public client cannot use it)");
            }
            List<String> redirects = c.strings("redirectUris", List.of());
            for (String uri : redirects) {
                if (!RedirectUris.isValidRegistration(uri)) {
                    c.problem("redirectUris", "'" + uri + "' is not an absolute http(s) URI without fragment");
                }
            }
            Duration access = c.parsed("accessTokenTtl", Duration.ofSeconds(43200), ConfigValues::duration, "a duration such as 12h");
            Duration refresh = c.parsed("refreshTokenTtl", Duration.ofSeconds(2592000), ConfigValues::duration, "a duration such as 30d");
            if (access.isZero() || access.isNegative()) {
                c.problem("accessTokenTtl", "must be positive");
            }
            if (refresh.isZero() || refresh.isNegative()) {
                c.problem("refreshTokenTtl", "must be positive");
            }
            boolean rotate = c.bool("rotateRefreshTokens", true);
            TokenExchangeConfig exchange = TokenExchangeSection.read(c, id, grants, secret != null);
            String gwsUser = c.string("gwsUserAlgorithm", null);
            if (gwsUser != null && !gwsUser.equals("EdDSA")) {
                c.problem("gwsUserAlgorithm", "'" + gwsUser + "' is not EdDSA (leave it out to sign with the signing keys' algorithm)");
            }
            c.finish();
            clients.add(new ClientConfig(id, secret == null ? null : new Secret(secret), Set.copyOf(grants),
                    redirects, access, refresh, rotate, exchange, "EdDSA".equals(gwsUser)));
            nodes.add(c);
        }
        TokenExchangeSection.checkAudiences(nodes, clients);
        return List.copyOf(clients);
    }

    /** Expands ${ENV} in every string of the tree; an unset variable is a problem at its path. */
    private JsonNode expandEnv(JsonNode node, String path, List<String> problems) {
        if (node.isTextual()) {
            return new TextNode(ConfigValues.expand(node.asText(), env, name -> {
                problems.add((path.isEmpty() ? "(top level)" : path) + ": environment variable " + name + " is not set");
                return "";
            }));
        }
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, expandEnv(object.get(name), path.isEmpty() ? name : path + "." + name, problems));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, expandEnv(array.get(i), path + "[" + i + "]", problems));
            }
        }
        return node;
    }
}
