package dev.authbridge.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.authbridge.config.AuditConfig;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.ClientConfig;
import dev.authbridge.config.CorsConfig;
import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.config.EmbeddedConfig;
import dev.authbridge.config.GroupsConfig;
import dev.authbridge.config.HttpLimits;
import dev.authbridge.config.ManagementConfig;
import dev.authbridge.config.NetworkRange;
import dev.authbridge.config.OpsConfig;
import dev.authbridge.config.PostgresConfig;
import dev.authbridge.config.Secret;
import dev.authbridge.config.ServerConfig;
import dev.authbridge.config.StoreConfig;
import dev.authbridge.config.TenantConfig;
import dev.authbridge.config.TlsConfig;
import dev.authbridge.config.UsersConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@link AuthbridgeConfig} written back as the text of a {@code config.yaml}, for what reads a
 * file: a separate JVM ({@link AuthbridgeProcess}) and the CLI commands. Every key is written,
 * defaults too, in the order of the shipped file; values expanded, paths absolute, durations in
 * ISO-8601, so the file means the same wherever it lies. {@code ConfigYamlTest} proves that the
 * loader reads back, value for value, what this writes; a new configuration key needs a line here
 * and one there.
 *
 * <p>{@link #tree} gives the YAML as a tree, for a test of the loader's answer to one bad value
 * (a typed configuration cannot hold it):
 * {@code ((ObjectNode) tree.get("lockout")).put("window", "soon")}.
 */
public final class ConfigYaml {
    /** Every string quoted: an unquoted {@code null}, {@code ~} or {@code 08} would read back as another value. */
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConfigYaml() {}

    public static String write(AuthbridgeConfig config) {
        return write(tree(config));
    }

    /**
     * @throws IllegalArgumentException when a value holds {@code ${…}}: the loader would expand
     *     it, so the file would not say what the configuration does
     */
    public static String write(ObjectNode tree) {
        refuseReferences(tree, "");
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode tree(AuthbridgeConfig c) {
        ObjectNode root = NODES.objectNode();
        root.set("server", server(c.server()));
        root.put("environmentId", c.environmentId().toString());
        root.set("directory", directory(c.directory()));
        ArrayNode tenants = root.putArray("tenants");
        c.tenants().forEach(t -> tenants.add(tenant(t)));
        putIfSet(root, "defaultTenant", c.defaultTenant());
        root.set("store", store(c.store()));
        ObjectNode jwt = root.putObject("jwt");
        jwt.put("algorithm", c.jwt().algorithm().name());
        jwt.put("userInfoTtl", duration(c.jwt().userInfoTtl()));
        jwt.put("idTokenTtl", duration(c.jwt().idTokenTtl()));
        root.putObject("authorize").put("codeTtl", duration(c.authorize().codeTtl()));
        ObjectNode session = root.putObject("session");
        session.put("idleTimeout", duration(c.session().idleTimeout()));
        session.put("maxLifetime", duration(c.session().maxLifetime()));
        root.set("cors", cors(c.cors()));
        ObjectNode lockout = root.putObject("lockout");
        lockout.put("enabled", c.lockout().enabled());
        lockout.put("userMaxFailures", c.lockout().userMaxFailures());
        lockout.put("ipMaxFailures", c.lockout().ipMaxFailures());
        lockout.put("window", duration(c.lockout().window()));
        lockout.put("duration", duration(c.lockout().duration()));
        lockout.put("maxDuration", duration(c.lockout().maxDuration()));
        lockout.put("forgetAfter", duration(c.lockout().forgetAfter()));
        root.set("audit", audit(c.audit()));
        root.set("management", management(c.management()));
        ObjectNode passwords = root.putObject("passwords");
        passwords.put("changeStrategy", c.passwords().changeStrategy().configName());
        passwords.put("revokeOtherSessionsOnChange", c.passwords().revokeOtherSessionsOnChange());
        if (c.ops().enabled() || c.ops().maxClients() != OpsConfig.DEFAULT_MAX_CLIENTS) {
            ObjectNode ops = root.putObject("ops");
            putIfSet(ops, "user", c.ops().user());
            putIfSet(ops, "password", reveal(c.ops().password()));
            ops.put("maxClients", c.ops().maxClients());
        }
        ArrayNode clients = root.putArray("clients");
        c.clients().forEach(client -> clients.add(client(client)));
        return root;
    }

    private static ObjectNode server(ServerConfig s) {
        ObjectNode node = NODES.objectNode();
        node.put("host", s.host());
        node.put("port", s.port());
        node.put("maxBodySize", s.maxBodyBytes());
        putIfSet(node, "publicUrl", s.publicUrl());
        TlsConfig tls = s.tls();
        if (tls != null) {
            ObjectNode t = node.putObject("tls");
            t.put("keyStore", tls.keyStoreFile().toString());
            t.put("keyStorePassword", tls.keyStorePassword().reveal());
            t.put("keyPassword", tls.keyPassword().reveal());
            t.put("hstsMaxAge", duration(tls.hstsMaxAge()));
        }
        strings(node, "trustedProxies", s.trustedProxies().stream().map(NetworkRange::text).toList());
        HttpLimits limits = s.limits();
        node.put("maxHeaderSize", limits.maxHeaderBytes());
        node.put("idleTimeout", duration(limits.idleTimeout()));
        node.put("headerTimeout", duration(limits.headerTimeout()));
        node.put("bodyTimeout", duration(limits.bodyTimeout()));
        node.put("minRequestDataRate", limits.minRequestDataRate());
        node.put("maxConnections", limits.maxConnections());
        node.put("maxConnectionsPerAddress", limits.maxConnectionsPerAddress());
        node.put("maxConcurrentRequests", limits.maxConcurrentRequests());
        return node;
    }

    private static ObjectNode directory(DirectoryConfig d) {
        ObjectNode node = NODES.objectNode();
        EmbeddedConfig embedded = d.embedded();
        if (embedded != null) {
            // serviceDn is no key of its own: the loader takes bindDn.
            ObjectNode e = node.putObject("embedded");
            e.put("port", embedded.port());
            e.put("baseDn", embedded.baseDn());
            strings(e, "ldif", embedded.ldif().stream().map(ConfigYaml::absolute).toList());
            strings(e, "administrators", embedded.administrators());
        }
        strings(node, "urls", d.urls());
        putIfSet(node, "bindDn", d.bindDn());
        putIfSet(node, "bindPassword", reveal(d.bindPassword()));
        node.put("tls", d.tls().name().toLowerCase(Locale.ROOT));
        putIfSet(node, "trustStore", d.trustStore() == null ? null : absolute(d.trustStore()));
        putIfSet(node, "trustStorePassword", reveal(d.trustStorePassword()));
        node.put("connectTimeout", duration(d.connectTimeout()));
        node.put("responseTimeout", duration(d.responseTimeout()));
        node.put("poolSize", d.poolSize());
        node.put("maxConnectionAge", duration(d.maxConnectionAge()));
        node.put("healthCheckInterval", duration(d.healthCheckInterval()));
        node.put("userCacheTtl", duration(d.userCacheTtl()));
        node.set("users", users(d.users()));
        node.set("groups", groups(d.groups()));
        return node;
    }

    private static ObjectNode users(UsersConfig u) {
        ObjectNode node = NODES.objectNode();
        node.put("baseDn", u.baseDn());
        node.put("filter", u.filter().toString());
        node.put("loginAttribute", u.loginAttribute());
        node.put("idAttribute", u.idAttribute());
        node.put("dbidAttribute", u.dbidAttribute());
        node.put("emailAttribute", u.emailAttribute());
        node.put("givenNameAttribute", u.givenNameAttribute());
        node.put("familyNameAttribute", u.familyNameAttribute());
        map(node, "properties", u.properties());
        return node;
    }

    private static ObjectNode groups(GroupsConfig g) {
        ObjectNode node = NODES.objectNode();
        putIfSet(node, "baseDn", g.baseDn());
        node.put("filter", g.filter().toString());
        node.put("memberAttribute", g.memberAttribute());
        node.put("nameAttribute", g.nameAttribute());
        node.put("privilegesAttribute", g.privilegesAttribute());
        map(node, "roles", g.roles());
        return node;
    }

    private static ObjectNode tenant(TenantConfig t) {
        ObjectNode node = NODES.objectNode();
        node.put("id", t.id().toString());
        node.put("name", t.name());
        strings(node, "domains", t.domains());
        node.put("usersBaseDn", t.usersBaseDn());
        node.put("groupsBaseDn", t.groupsBaseDn());
        strings(node, "corsAllowedOrigins", t.corsAllowedOrigins());
        return node;
    }

    private static ObjectNode cors(CorsConfig c) {
        ObjectNode node = NODES.objectNode();
        strings(node, "allowedOrigins", c.allowedOrigins());
        strings(node, "allowedHeaders", c.allowedHeaders());
        node.put("maxAge", duration(c.maxAge()));
        return node;
    }

    private static ObjectNode audit(AuditConfig a) {
        ObjectNode node = NODES.objectNode();
        node.put("file", a.file() == null ? "none" : absolute(a.file()));
        node.put("stdout", a.stdout());
        node.put("failClosed", a.failClosed());
        return node;
    }

    private static ObjectNode management(ManagementConfig m) {
        ObjectNode node = NODES.objectNode();
        if (m.separateListener()) {
            // Without a port of its own, the host is the API's and may not be given.
            node.put("port", m.port());
            node.put("host", m.host());
        }
        node.put("healthPath", m.healthPath());
        node.put("metricsPath", m.metricsPath() == null ? "none" : m.metricsPath());
        return node;
    }

    private static ObjectNode client(ClientConfig c) {
        ObjectNode node = NODES.objectNode();
        node.put("id", c.id());
        putIfSet(node, "secret", c.secret() instanceof Secret s ? s.reveal() : null);
        strings(node, "grantTypes", c.grantTypes().stream().sorted().toList());
        strings(node, "redirectUris", c.redirectUris());
        node.put("accessTokenTtl", duration(c.accessTokenTtl()));
        node.put("refreshTokenTtl", duration(c.refreshTokenTtl()));
        node.put("rotateRefreshTokens", c.rotateRefreshTokens());
        if (!c.tokenExchange().audiences().isEmpty()) {
            strings(node.putObject("tokenExchange"), "audiences", c.tokenExchange().audiences());
        }
        if (c.gwsUserEdDsa()) {
            node.put("gwsUserAlgorithm", "EdDSA");
        }
        return node;
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private static void strings(ObjectNode node, String key, Collection<String> values) {
        ArrayNode array = node.putArray(key);
        values.forEach(array::add);
    }

    /** In key order: the loader keeps these maps unordered. */
    private static void map(ObjectNode node, String key, Map<String, String> values) {
        ObjectNode map = node.putObject(key);
        new TreeMap<>(values).forEach(map::put);
    }

    private static String reveal(Secret secret) {
        return secret == null ? null : secret.reveal();
    }

    private static String duration(Duration d) {
        return d.toString();
    }

    private static String absolute(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }

    private static void refuseReferences(JsonNode node, String path) {
        if (node.isTextual() && node.asText().contains("${")) {
            throw new IllegalArgumentException(path + ": '${' would be expanded by the loader");
        }
        node.fields().forEachRemaining(e -> refuseReferences(e.getValue(), path + "." + e.getKey()));
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            refuseReferences(node.get(i), path + "[" + i + "]");
        }
    }

    private static ObjectNode store(StoreConfig s) {
        ObjectNode store = NODES.objectNode();
        if (s.isPostgres()) {
            PostgresConfig pg = s.postgres();
            store.put("url", pg.jdbcUrl());
            store.put("user", pg.user());
            store.put("password", pg.password().reveal());
            store.put("poolSize", pg.poolSize());
            store.put("connectTimeout", duration(pg.connectTimeout()));
            store.put("sslMode", pg.sslMode().value());
            putIfSet(store, "sslRootCert", pg.sslRootCert() == null ? null : pg.sslRootCert().toString());
        } else {
            store.put("path", s.path().toString());
            store.put("busyTimeout", duration(s.busyTimeout()));
        }
        store.put("purgeInterval", duration(s.purgeInterval()));
        return store;
    }

}
