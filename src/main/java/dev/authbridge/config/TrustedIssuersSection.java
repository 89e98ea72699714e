package dev.authbridge.config;

import com.nimbusds.jose.JWSAlgorithm;
import dev.authbridge.name.NameForm;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code trustedIssuers}: the identity providers whose signed JWTs name a user. Everything
 * an attacker could exploit in a lax setting is refused here, at boot: an issuer or key URL that
 * is not HTTPS (plain HTTP only on a loopback address, for tests), HMAC and {@code none}, private
 * or symmetric keys written into the configuration, keys no accepted algorithm can use.
 */
final class TrustedIssuersSection {
    /** What nimbus-jose-jwt's JWT processor verifies: RSA (PKCS#1 v1.5 and PSS) and ECDSA. */
    static final List<JWSAlgorithm> ALGORITHMS = List.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    /** Claims the verification itself reads: none of them names a user. */
    private static final Set<String> RESERVED_CLAIMS = Set.of("iss", "aud", "exp", "nbf", "iat", "jti");
    /** An LDAP attribute description without options (RFC 4512 §1.4): a name or a numeric OID. */
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z][A-Za-z0-9-]*|\\d+(\\.\\d+)+");

    private final List<TenantConfig> tenants;
    private final String defaultTenant;
    private final String loginAttribute;
    private final IssuerKeysSection keys;

    private TrustedIssuersSection(IssuerKeysSection keys, List<TenantConfig> tenants, String defaultTenant,
            String loginAttribute) {
        this.keys = keys;
        this.tenants = tenants;
        this.defaultTenant = defaultTenant;
        this.loginAttribute = loginAttribute;
    }

    static List<TrustedIssuerConfig> read(ConfigNode root, IssuerKeysSection keys, DirectoryConfig directory,
            List<TenantConfig> tenants, String defaultTenant) {
        TrustedIssuersSection section = new TrustedIssuersSection(keys, tenants,
                defaultTenant == null ? null : NameForm.canonical(defaultTenant), directory.users().loginAttribute());
        List<TrustedIssuerConfig> issuers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConfigNode node : root.list("trustedIssuers")) {
            TrustedIssuerConfig issuer = section.issuer(node, seen);
            if (issuer != null) {
                issuers.add(issuer);
            }
        }
        return List.copyOf(issuers);
    }

    private TrustedIssuerConfig issuer(ConfigNode node, Set<String> seen) {
        String issuer = node.requiredString("issuer");
        if (issuer != null && url(node, "issuer", issuer, false) && !seen.add(issuer)) {
            node.problem("issuer", "'" + issuer + "' is configured twice");
        }
        Set<JWSAlgorithm> algorithms = algorithms(node);
        IssuerKeysConfig issuerKeys = keys.read(node, algorithms);
        List<String> audience = node.strings("audience", List.of());
        if (audience.stream().anyMatch(String::isBlank)) {
            node.problem("audience", "must not hold an empty value");
        }
        Duration skew = bounded(node, "clockSkew", Duration.ofSeconds(60), Duration.ZERO, Duration.ofMinutes(5));
        if (skew.toMillis() % 1000 != 0) {
            node.problem("clockSkew", "must be whole seconds (JWT times are)");
        }
        Duration maxLifetime = bounded(node, "maxLifetime", Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofDays(1));
        String jtiClaim = claim(node, "jtiClaim", "jti", Set.of("iss", "aud", "exp", "nbf", "iat"));
        String userClaim = claim(node, "userClaim", "sub", RESERVED_CLAIMS);
        String userAttribute = attribute(node, "userAttribute", loginAttribute);
        String tenant = node.has("tenant") ? tenant(node, "tenant") : defaultTenant;
        String tenantClaim = node.has("tenantClaim") ? claim(node, "tenantClaim", null, RESERVED_CLAIMS) : null;
        Map<String, IssuerUserRule> byClaim = tenantRules(node, userClaim, userAttribute);
        if (tenantClaim != null && node.has("tenant")) {
            node.problem("tenant", "goes with no tenantClaim: either every user is in one tenant, or the claim says which");
        }
        if ((tenantClaim == null) != byClaim.isEmpty()) {
            node.problem(tenantClaim == null ? "tenants" : "tenantClaim",
                    "tenantClaim and tenants go together: the claim's values, each with its tenant");
        }
        node.finish();
        if (issuer == null || issuerKeys == null) {
            return null;
        }
        return new TrustedIssuerConfig(issuer, issuerKeys, algorithms, audience, skew, maxLifetime, jtiClaim,
                new IssuerUserRule(userClaim, userAttribute, tenant), tenantClaim, byClaim);
    }

    private Map<String, IssuerUserRule> tenantRules(ConfigNode node, String userClaim, String userAttribute) {
        Map<String, IssuerUserRule> rules = new LinkedHashMap<>();
        for (ConfigNode t : node.list("tenants")) {
            String value = t.requiredString("value");
            String tenant = t.has("tenant") ? tenant(t, "tenant") : null;
            if (!t.has("tenant")) {
                t.problem("tenant", "is required (a domain of a configured tenant)");
            }
            IssuerUserRule rule = new IssuerUserRule(claim(t, "userClaim", userClaim, RESERVED_CLAIMS),
                    attribute(t, "userAttribute", userAttribute), tenant);
            if (value != null && rules.putIfAbsent(value, rule) != null) {
                t.problem("value", "'" + value + "' is listed twice");
            }
            t.finish();
        }
        return rules;
    }

    private static Set<JWSAlgorithm> algorithms(ConfigNode node) {
        Set<JWSAlgorithm> accepted = new LinkedHashSet<>();
        List<String> names = node.strings("algorithms", List.of(JWSAlgorithm.RS256.getName()));
        if (names.isEmpty()) {
            node.problem("algorithms", "needs at least one of " + ALGORITHMS);
        }
        for (String name : names) {
            JWSAlgorithm algorithm = JWSAlgorithm.parse(name.trim());
            if (ALGORITHMS.contains(algorithm)) {
                accepted.add(algorithm);
            } else if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
                // HMAC would take the issuer's public key as the shared secret: anyone could sign.
                node.problem("algorithms", "'" + name + "' is refused: a trusted issuer signs with a private key"
                        + " that only it holds (HMAC's key is shared)");
            } else if (name.trim().equalsIgnoreCase("none")) {
                node.problem("algorithms", "'" + name + "' is refused: an unsigned token proves nothing");
            } else if (JWSAlgorithm.Family.ED.contains(algorithm) || name.trim().equals("Ed25519")) {
                node.problem("algorithms", "'" + name + "' is not supported (nimbus-jose-jwt's processor verifies"
                        + " RSA and EC keys only): use one of " + ALGORITHMS);
            } else {
                node.problem("algorithms", "'" + name + "' is not one of " + ALGORITHMS);
            }
        }
        return accepted;
    }

    /**
     * An issuer or a JWK set URL: HTTPS, or plain HTTP to a loopback address (a test issuer on
     * this machine); no user info, no fragment, and for an issuer no query (OpenID Discovery §3).
     */
    static boolean url(ConfigNode node, String key, String text, boolean queryAllowed) {
        String problem;
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null) {
                problem = "is not an absolute https URL";
            } else if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(uri.getHost()))) {
                problem = "must be https (plain http only on a loopback address)";
            } else if (uri.getRawUserInfo() != null || uri.getRawFragment() != null
                    || (!queryAllowed && uri.getRawQuery() != null)) {
                problem = queryAllowed ? "must have no user info or fragment" : "must have no user info, query or fragment";
            } else {
                return true;
            }
        } catch (java.net.URISyntaxException e) {
            problem = "is not an absolute https URL";
        }
        node.problem(key, "'" + text + "' " + problem);
        return false;
    }

    private static boolean isLoopback(String host) {
        return host.equalsIgnoreCase("localhost") || host.equals("[::1]") || host.matches("127(\\.\\d{1,3}){3}");
    }

    private String tenant(ConfigNode node, String key) {
        String domain = node.requiredString(key);
        if (domain == null) {
            return null;
        }
        boolean known = tenants.stream().flatMap(t -> t.domains().stream())
                .map(NameForm::canonical).anyMatch(NameForm.canonical(domain)::equals);
        if (!known) {
            node.problem(key, "'" + domain + "' is not a domain of any configured tenant");
            return null;
        }
        return NameForm.canonical(domain);
    }

    private static String claim(ConfigNode node, String key, String fallback, Set<String> reserved) {
        String name = node.string(key, fallback);
        if (name == null || name.isBlank()) {
            node.problem(key, "must name a claim");
            return fallback;
        }
        if (reserved.contains(name)) {
            node.problem(key, "'" + name + "' cannot serve here: the verification itself reads it");
            return fallback;
        }
        return name;
    }

    private static String attribute(ConfigNode node, String key, String fallback) {
        String name = node.string(key, fallback);
        if (name == null || !ATTRIBUTE.matcher(name).matches()) {
            node.problem(key, "'" + name + "' is not an LDAP attribute name (such as userPrincipalName)");
            return fallback;
        }
        return name;
    }

    static Duration bounded(ConfigNode node, String key, Duration fallback, Duration min, Duration max) {
        Duration d = node.parsed(key, fallback, ConfigValues::duration, "a duration such as 30s");
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            node.problem(key, ConfigValues.format(d) + " is out of range " + ConfigValues.format(min) + ".."
                    + ConfigValues.format(max));
            return fallback;
        }
        return d;
    }
}
