package dev.authbridge.config;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads and validates the {@code directory} section of the configuration. */
final class DirectorySection {
    private final ConfigNode node;
    private final Path baseDir;

    DirectorySection(ConfigNode node, Path baseDir) {
        this.node = node;
        this.baseDir = baseDir;
    }

    DirectoryConfig read() {
        if (!node.isPresent()) {
            node.problem("", "is required (urls, users, groups — or embedded)");
        }
        String bindDn = dn(node, "bindDn", null, false);
        EmbeddedConfig embedded = readEmbedded(node.child("embedded"), bindDn);
        List<String> urls = node.strings("urls", List.of());
        TlsMode tls = node.parsed("tls", TlsMode.NONE,
                v -> TlsMode.valueOf(v.toUpperCase(Locale.ROOT)), "one of none, starttls, ldaps");
        if (embedded == null && urls.isEmpty()) {
            node.problem("urls", "is required (one or more ldap:// or ldaps:// URLs) unless 'embedded' is set");
        }
        for (String url : urls) {
            checkUrl(url, tls);
        }
        String bindPassword = node.string("bindPassword", null);
        if ((bindDn == null) != (bindPassword == null)) {
            node.problem("bindPassword", "bindDn and bindPassword go together: set both, or neither for anonymous search");
        }
        Path trustStore = file(node, "trustStore");
        String trustStorePassword = node.string("trustStorePassword", null);
        Duration connect = duration("connectTimeout", Duration.ofSeconds(5));
        Duration response = duration("responseTimeout", Duration.ofSeconds(10));
        int poolSize = node.integer("poolSize", 10, 1, 1000);
        Duration maxAge = duration("maxConnectionAge", Duration.ofMinutes(10));
        Duration healthCheck = duration("healthCheckInterval", Duration.ofSeconds(60));
        Duration userCacheTtl = node.parsed("userCacheTtl", Duration.ofSeconds(30), ConfigValues::duration,
                "a duration such as 30s (0 turns the cache off)");
        if (userCacheTtl.isNegative()) {
            node.problem("userCacheTtl", "must not be negative");
            userCacheTtl = Duration.ZERO;
        }
        String defaultBase = embedded != null ? embedded.baseDn() : null;
        UsersConfig users = readUsers(node.child("users"), defaultBase);
        GroupsConfig groups = readGroups(node.child("groups"), users.baseDn());
        node.finish();
        return new DirectoryConfig(List.copyOf(urls), bindDn,
                bindPassword == null ? null : new Secret(bindPassword), tls, trustStore,
                trustStorePassword == null ? null : new Secret(trustStorePassword),
                connect, response, poolSize, maxAge, healthCheck, users, groups, embedded, userCacheTtl);
    }

    private void checkUrl(String url, TlsMode tls) {
        try {
            LDAPURL parsed = new LDAPURL(url);
            boolean ldaps = parsed.getScheme().equalsIgnoreCase("ldaps");
            if (ldaps != (tls == TlsMode.LDAPS)) {
                node.problem("urls", "'" + url + "' does not fit tls: " + tls.name().toLowerCase(Locale.ROOT)
                        + " (use ldaps:// URLs with tls: ldaps, ldap:// otherwise)");
            }
        } catch (LDAPException e) {
            node.problem("urls", "'" + url + "' is not an LDAP URL");
        }
    }

    private EmbeddedConfig readEmbedded(ConfigNode e, String serviceDn) {
        if (!e.isPresent()) {
            return null;
        }
        if (serviceDn == null) {
            node.problem("bindDn", "is required with embedded: the embedded directory answers no anonymous search");
        }
        int port = e.integer("port", 10389, 0, 65535);
        String baseDn = dn(e, "baseDn", null, true);
        List<Path> ldif = new ArrayList<>();
        for (String f : e.strings("ldif", List.of())) {
            Path p = baseDir.resolve(f).normalize();
            if (!Files.isReadable(p)) {
                e.problem("ldif", "'" + f + "' is not a readable file");
            }
            ldif.add(p);
        }
        List<String> administrators = new ArrayList<>();
        for (String dn : e.strings("administrators", List.of())) {
            if (DN.isValidDN(dn)) {
                administrators.add(dn);
            } else {
                e.problem("administrators", "'" + dn + "' is not a valid DN");
            }
        }
        e.finish();
        return new EmbeddedConfig(port, baseDn, List.copyOf(ldif), serviceDn, List.copyOf(administrators));
    }

    private static UsersConfig readUsers(ConfigNode u, String defaultBase) {
        String baseDn = dn(u, "baseDn", defaultBase, defaultBase == null);
        Filter filter = filter(u, "filter", "(objectClass=inetOrgPerson)");
        UsersConfig users = new UsersConfig(baseDn, filter,
                u.string("loginAttribute", "uid"),
                u.string("idAttribute", "entryUUID"),
                u.string("dbidAttribute", "employeeNumber"),
                u.string("emailAttribute", "mail"),
                u.string("givenNameAttribute", "givenName"),
                u.string("familyNameAttribute", "sn"),
                u.stringMap("properties"));
        u.finish();
        return users;
    }

    private static GroupsConfig readGroups(ConfigNode g, String defaultBase) {
        GroupsConfig groups = new GroupsConfig(
                dn(g, "baseDn", defaultBase, false),
                filter(g, "filter", "(objectClass=groupOfNames)"),
                g.string("memberAttribute", "member"),
                g.string("nameAttribute", "cn"),
                g.string("privilegesAttribute", "authbridgePrivilege"),
                g.stringMap("roles"));
        g.finish();
        return groups;
    }

    private Duration duration(String key, Duration fallback) {
        Duration d = node.parsed(key, fallback, ConfigValues::duration, "a duration such as 5s");
        if (d.isNegative() || d.isZero()) {
            node.problem(key, "must be positive");
            return fallback;
        }
        return d;
    }

    private Path file(ConfigNode n, String key) {
        String f = n.string(key, null);
        if (f == null) {
            return null;
        }
        Path p = baseDir.resolve(f).normalize();
        if (!Files.isReadable(p)) {
            n.problem(key, "'" + f + "' is not a readable file");
        }
        return p;
    }

    static String dn(ConfigNode n, String key, String fallback, boolean required) {
        if (required && !n.has(key) && fallback == null) {
            n.problem(key, "is required (a DN such as ou=people,dc=example,dc=com)");
            return null;
        }
        String value = n.string(key, fallback);
        if (value != null && !DN.isValidDN(value)) {
            n.problem(key, "'" + value + "' is not a valid DN");
            return fallback;
        }
        return value;
    }

    private static Filter filter(ConfigNode n, String key, String fallback) {
        String text = n.string(key, fallback);
        try {
            return Filter.create(text);
        } catch (LDAPException e) {
            n.problem(key, "'" + text + "' is not a valid LDAP filter (RFC 4515)");
            return Filter.createPresenceFilter("objectClass");
        }
    }
}
