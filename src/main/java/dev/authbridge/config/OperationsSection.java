package dev.authbridge.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the settings an operator runs authbridge with: {@code server.tls},
 * {@code server.trustedProxies}, {@code lockout}, {@code audit}, {@code management} and {@code ops}.
 */
final class OperationsSection {
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    private OperationsSection() {}

    /** {@code server.tls}: null when absent; the key store is opened here, at boot. */
    static TlsConfig tls(ConfigNode server, Path baseDir) {
        ConfigNode node = server.child("tls");
        if (!node.isPresent()) {
            node.finish();
            return null;
        }
        String file = node.requiredString("keyStore");
        String password = node.string("keyStorePassword", null);
        String keyPassword = node.string("keyPassword", password);
        Duration hsts = node.parsed("hstsMaxAge", Duration.ofDays(365), ConfigValues::duration,
                "a duration such as 365d (0 for no HSTS header)");
        if (hsts.isNegative()) {
            node.problem("hstsMaxAge", "must not be negative");
        }
        node.finish();
        if (file == null) {
            return null;
        }
        Path path = baseDir.resolve(file).normalize();
        KeyStore keyStore = keyStore(node, path, password, keyPassword);
        return keyStore == null ? null : new TlsConfig(path, keyStore, new Secret(password),
                new Secret(keyPassword), hsts.isNegative() ? Duration.ZERO : hsts);
    }

    private static KeyStore keyStore(ConfigNode node, Path path, String password, String keyPassword) {
        if (!Files.isReadable(path)) {
            node.problem("keyStore", "'" + path + "' is not a readable file");
            return null;
        }
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password == null ? null : password.toCharArray());
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    store.getKey(alias, keyPassword == null ? new char[0] : keyPassword.toCharArray());
                    return store;
                }
            }
            node.problem("keyStore", "'" + path + "' holds no private key (it needs the server's key and certificate chain)");
        } catch (IOException | GeneralSecurityException e) {
            // The JDK reports a wrong password as an IOException whose cause is an
            // UnrecoverableKeyException; the message never contains the password.
            node.problem("keyStore", "'" + path + "' cannot be opened as PKCS#12 with keyStorePassword/keyPassword ("
                    + e.getClass().getSimpleName() + ")");
        }
        return null;
    }

    /** {@code server.trustedProxies}: addresses or CIDR blocks whose X-Forwarded-* headers count. */
    static List<NetworkRange> trustedProxies(ConfigNode server) {
        List<NetworkRange> ranges = new ArrayList<>();
        for (String value : server.strings("trustedProxies", List.of())) {
            try {
                ranges.add(NetworkRange.parse(value));
            } catch (IllegalArgumentException e) {
                server.problem("trustedProxies", "'" + value + "' is not an IP address or CIDR block (such as 10.0.0.0/8)");
            }
        }
        return List.copyOf(ranges);
    }

    static LockoutConfig lockout(ConfigNode node) {
        LockoutConfig d = LockoutConfig.defaults();
        boolean enabled = node.bool("enabled", d.enabled());
        int userMax = node.integer("userMaxFailures", d.userMaxFailures(), 1, 1_000_000);
        int ipMax = node.integer("ipMaxFailures", d.ipMaxFailures(), 1, 1_000_000);
        Duration window = positive(node, "window", d.window());
        Duration duration = positive(node, "duration", d.duration());
        Duration maxDuration = positive(node, "maxDuration", d.maxDuration());
        Duration forgetAfter = positive(node, "forgetAfter", d.forgetAfter());
        if (maxDuration.compareTo(duration) < 0) {
            node.problem("maxDuration", "must not be shorter than duration (" + duration + ")");
        }
        node.finish();
        return new LockoutConfig(enabled, userMax, ipMax, window, duration, maxDuration, forgetAfter);
    }

    /**
     * The audit file defaults to {@code audit.log} next to the SQLite file, or where the SQLite
     * file would be by default ({@code data/}) when the store is PostgreSQL.
     */
    static AuditConfig audit(ConfigNode node, Path baseDir, StoreConfig store) {
        Path fallback = (store.isPostgres() ? baseDir.resolve(StoreSection.DEFAULT_PATH).normalize() : store.path())
                .resolveSibling("audit.log");
        Path file = fallback;
        if (node.has("file")) {
            String value = node.string("file", null);
            file = value == null || value.isBlank() || value.equals("none") ? null : baseDir.resolve(value).normalize();
        }
        boolean stdout = node.bool("stdout", false);
        boolean failClosed = node.bool("failClosed", false);
        if (failClosed && file == null) {
            node.problem("failClosed", "needs audit.file: only a line written to a file can be confirmed");
        }
        node.finish();
        return new AuditConfig(file, stdout, failClosed);
    }

    static ManagementConfig management(ConfigNode node, ServerConfig server) {
        Integer port = null;
        if (node.has("port")) {
            port = node.integer("port", 0, 0, 65535);
            if (port != 0 && port == server.port()) {
                node.problem("port", "must differ from server.port (leave it out to serve health and metrics there)");
            }
        }
        String host = node.string("host", server.host());
        if (port == null && node.has("host")) {
            node.problem("host", "needs management.port (without it, health and metrics share the API's listener)");
        }
        String health = path(node, "healthPath", "/health");
        String metrics = node.has("metricsPath") && "none".equals(node.string("metricsPath", null))
                ? null
                : path(node, "metricsPath", "/metrics");
        if (health != null && health.equals(metrics)) {
            node.problem("metricsPath", "must differ from healthPath");
        }
        if ((health != null && health.startsWith("/auth/")) || (metrics != null && metrics.startsWith("/auth/"))) {
            node.problem("healthPath", "must not lie under /auth/ (the API's paths)");
        }
        node.finish();
        return new ManagementConfig(port, host, health, metrics);
    }

    /** Shortest operator password accepted: the API hands out client secrets. */
    static final int MIN_OPS_PASSWORD = 12;

    /**
     * {@code ops}: the operators' client API, on when {@code user} and {@code password} are set
     * (both or neither); {@code maxClients} bounds the clients the store may hold.
     */
    static OpsConfig ops(ConfigNode node) {
        String user = node.string("user", null);
        String password = node.string("password", null);
        int maxClients = node.integer("maxClients", OpsConfig.DEFAULT_MAX_CLIENTS, 0, 1_000_000);
        node.finish();
        if (user == null && password == null) {
            return new OpsConfig(null, null, maxClients);
        }
        boolean valid = true;
        if (user == null || user.isBlank() || user.contains(":")) {
            node.problem("user", user == null ? "is required with ops.password"
                    : "must be a non-empty name without ':' (HTTP Basic ends the name at the first colon)");
            valid = false;
        }
        if (password == null) {
            node.problem("password", "is required with ops.user");
            valid = false;
        } else if (password.length() < MIN_OPS_PASSWORD) {
            node.problem("password", "must be at least " + MIN_OPS_PASSWORD + " characters");
            valid = false;
        }
        return valid ? new OpsConfig(user, new Secret(password), maxClients) : new OpsConfig(null, null, maxClients);
    }

    private static String path(ConfigNode node, String key, String fallback) {
        String value = node.string(key, fallback);
        if (value == null || !PATH.matcher(value).matches()) {
            node.problem(key, "'" + value + "' is not an absolute path such as " + fallback + " (no trailing slash)");
            return fallback;
        }
        return value;
    }

    private static Duration positive(ConfigNode node, String key, Duration fallback) {
        Duration d = node.parsed(key, fallback, ConfigValues::duration, "a duration such as 15m");
        if (d.isNegative() || d.isZero()) {
            node.problem(key, "must be positive");
            return fallback;
        }
        return d;
    }
}
