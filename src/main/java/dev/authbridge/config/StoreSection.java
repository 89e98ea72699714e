package dev.authbridge.config;

import dev.authbridge.config.PostgresConfig.SslMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * Reads {@code store}: the SQLite file ({@code path}, {@code busyTimeout}) or, with {@code url},
 * a PostgreSQL database ({@code user}, {@code password}, {@code poolSize}, {@code connectTimeout},
 * {@code sslMode}, {@code sslRootCert}). Keys of the other engine are problems, not ignored.
 */
final class StoreSection {
    static final String DEFAULT_PATH = "data/authbridge.db";
    private static final List<String> POSTGRES_KEYS =
            List.of("user", "password", "poolSize", "connectTimeout", "sslMode", "sslRootCert");
    /** URL parameters that store keys own: credentials, timeouts and TLS are set in one place. */
    private static final Set<String> OWNED_PARAMETERS = Set.of("user", "password", "ssl", "sslmode",
            "sslrootcert", "sslfactory", "sslcert", "sslkey", "sslpassword", "sslhostnameverifier",
            "connecttimeout", "sockettimeout", "logintimeout", "options");

    private StoreSection() {}

    static StoreConfig read(ConfigNode node, Path baseDir) {
        Duration purge = node.parsed("purgeInterval", Duration.ofMinutes(10), ConfigValues::duration,
                "a duration such as 10m");
        if (purge.isZero() || purge.isNegative()) {
            node.problem("purgeInterval", "must be positive");
            purge = Duration.ofMinutes(10);
        }
        StoreConfig store = node.has("url") ? postgres(node, baseDir, purge) : sqlite(node, baseDir, purge);
        node.finish();
        return store;
    }

    private static StoreConfig sqlite(ConfigNode node, Path baseDir, Duration purge) {
        for (String key : POSTGRES_KEYS) {
            if (node.has(key)) {
                node.problem(key, "is a PostgreSQL setting: it needs store.url");
            }
        }
        String path = node.string("path", DEFAULT_PATH);
        Duration busy = node.parsed("busyTimeout", Duration.ofSeconds(5), ConfigValues::duration, "a duration such as 5s");
        return new StoreConfig(baseDir.resolve(path).normalize(), busy, purge);
    }

    private static StoreConfig postgres(ConfigNode node, Path baseDir, Duration purge) {
        for (String key : List.of("path", "busyTimeout")) {
            if (node.has(key)) {
                node.problem(key, "is a SQLite setting: leave it out with store.url (one store or the other)");
            }
        }
        String url = node.string("url", "");
        String jdbcUrl = jdbcUrl(node, url);
        String location = jdbcUrl == null ? "(invalid store.url)" : location(jdbcUrl);
        String user = node.requiredString("user");
        String password = node.string("password", null);
        if (password == null) {
            node.problem("password", "is required with store.url (use ${ENV_VAR})");
        }
        int poolSize = node.integer("poolSize", 10, 1, 1000);
        Duration connectTimeout = node.parsed("connectTimeout", Duration.ofSeconds(5), ConfigValues::duration,
                "a duration such as 5s");
        if (connectTimeout.compareTo(Duration.ofMillis(250)) < 0 || connectTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            node.problem("connectTimeout", "must be between 250ms and 10m");
            connectTimeout = Duration.ofSeconds(5);
        }
        Path caFile = null;
        if (node.has("sslRootCert")) {
            caFile = baseDir.resolve(node.string("sslRootCert", "")).normalize();
            if (!Files.isRegularFile(caFile) || !Files.isReadable(caFile)) {
                node.problem("sslRootCert", "cannot read " + caFile);
            }
        }
        SslMode fallback = caFile != null ? SslMode.VERIFY_FULL : SslMode.REQUIRE;
        SslMode sslMode = node.parsed("sslMode", fallback, SslMode::parse, "one of disable, require, verify-ca, verify-full");
        if ((sslMode == SslMode.VERIFY_CA || sslMode == SslMode.VERIFY_FULL) && caFile == null) {
            node.problem("sslMode", sslMode.value() + " needs store.sslRootCert (the CA file the server's certificate chains to)");
        }
        if (sslMode == SslMode.DISABLE && caFile != null) {
            node.problem("sslRootCert", "is for TLS, and store.sslMode is disable");
        }
        return StoreConfig.postgres(new PostgresConfig(jdbcUrl, location, user, new Secret(password),
                poolSize, connectTimeout, sslMode, caFile), purge);
    }

    /**
     * {@code postgresql://…} or {@code postgres://…} (libpq's form) made {@code jdbc:postgresql://…};
     * pgjdbc's own parser decides whether it is valid. Null (with a problem) when it is not.
     */
    private static String jdbcUrl(ConfigNode node, String url) {
        String trimmed = url.trim();
        String jdbc;
        if (trimmed.startsWith("jdbc:postgresql://")) {
            jdbc = trimmed;
        } else if (trimmed.startsWith("postgresql://")) {
            jdbc = "jdbc:" + trimmed;
        } else if (trimmed.startsWith("postgres://")) {
            jdbc = "jdbc:postgresql://" + trimmed.substring("postgres://".length());
        } else {
            node.problem("url", "'" + redacted(trimmed) + "' is not a PostgreSQL URL such as postgresql://db.example.com:5432/authbridge "
                    + "or jdbc:postgresql://host1:5432,host2:5432/authbridge?targetServerType=primary");
            return null;
        }
        String authority = jdbc.substring("jdbc:postgresql://".length()).split("[/?]", 2)[0];
        if (authority.contains("@")) {
            node.problem("url", "must not hold credentials: give store.user and store.password");
            return null;
        }
        Properties parsed = Driver.parseURL(jdbc, null);
        String database = parsed == null ? null : parsed.getProperty(PGProperty.PG_DBNAME.getName());
        if (parsed == null || authority.isEmpty() || database == null || database.isEmpty()) {
            node.problem("url", "'" + jdbc + "' is not a valid PostgreSQL URL: it needs host[:port][,host[:port]…] and a database name");
            return null;
        }
        boolean ok = true;
        int query = jdbc.indexOf('?');
        if (query >= 0) {
            for (String pair : jdbc.substring(query + 1).split("&")) {
                String name = pair.split("=", 2)[0];
                if (name.isEmpty()) {
                    continue;
                }
                if (OWNED_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                    node.problem("url", "parameter '" + name + "' is set by the store keys "
                            + "(store.user, store.password, store.connectTimeout, store.sslMode, store.sslRootCert)");
                    ok = false;
                } else if (PGProperty.forName(name) == null) {
                    node.problem("url", "parameter '" + name + "' is not one pgjdbc knows");
                    ok = false;
                }
            }
        }
        return ok ? jdbc : null;
    }

    /** {@code host:port[,host:port]/database}: what a message may say about the store. */
    private static String location(String jdbcUrl) {
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        int query = rest.indexOf('?');
        return "postgresql://" + (query >= 0 ? rest.substring(0, query) : rest);
    }

    /** A URL that may hold a password is shown without its user info. */
    private static String redacted(String url) {
        return url.replaceAll("//[^/@]*@", "//****@");
    }
}
