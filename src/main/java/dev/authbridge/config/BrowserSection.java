package dev.authbridge.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates what the browser side needs: {@code authorize} (codes), {@code session}
 * (single sign-on) and {@code cors}, and the CORS origins of a tenant.
 */
final class BrowserSection {
    /** RFC 9110 §5.6.2 token: what a header name may consist of. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    static final List<String> DEFAULT_CORS_HEADERS = List.of("Authorization", "Content-Type", "X-Api-Key");

    private BrowserSection() {}

    static AuthorizeConfig authorize(ConfigNode node) {
        Duration codeTtl = duration(node, "codeTtl", Duration.ofSeconds(60));
        if (codeTtl.compareTo(Duration.ofMinutes(10)) > 0) {
            // RFC 6749 §4.1.2: "A maximum authorization code lifetime of 10 minutes is RECOMMENDED."
            node.problem("codeTtl", "must be at most 10m (RFC 6749 §4.1.2)");
        }
        node.finish();
        return new AuthorizeConfig(codeTtl);
    }

    static SessionConfig session(ConfigNode node) {
        Duration idle = duration(node, "idleTimeout", Duration.ofMinutes(30));
        Duration max = duration(node, "maxLifetime", Duration.ofHours(12));
        if (idle.compareTo(max) > 0) {
            node.problem("idleTimeout", "must not be longer than maxLifetime (" + max + ")");
        }
        node.finish();
        return new SessionConfig(idle, max);
    }

    static CorsConfig cors(ConfigNode node) {
        List<String> origins = origins(node, "allowedOrigins");
        List<String> headers = node.strings("allowedHeaders", DEFAULT_CORS_HEADERS);
        for (String h : headers) {
            if (!HEADER_NAME.matcher(h).matches()) {
                node.problem("allowedHeaders", "'" + h + "' is not a header name");
            }
        }
        Duration maxAge = duration(node, "maxAge", Duration.ofMinutes(10));
        node.finish();
        return new CorsConfig(origins, List.copyOf(headers), maxAge);
    }

    /** A list of CORS origins, each validated and put in the form browsers send. */
    static List<String> origins(ConfigNode node, String key) {
        Set<String> out = new LinkedHashSet<>();
        for (String o : node.strings(key, List.of())) {
            if (o.trim().equals("*")) {
                node.problem(key, "'*' is not allowed: credentialed requests need an explicit origin (Fetch §3.2.5)");
                continue;
            }
            String origin = origin(o.trim());
            if (origin == null) {
                node.problem(key, "'" + o + "' is not an origin such as https://app.example.com[:port] (no path)");
            } else {
                out.add(origin);
            }
        }
        return List.copyOf(new ArrayList<>(out));
    }

    /**
     * The ASCII serialization of an origin (RFC 6454 §6.2), as the {@code Origin} header carries
     * it: lower-case scheme and host, the port only when not the scheme's default. Null when
     * {@code text} is not an http(s) origin.
     */
    static String origin(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        // A trailing slash is forgiven (people copy origins from the address bar); any other path is not.
        boolean noPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.isOpaque()
                || !noPath || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            return null;
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        String port = uri.getPort() == -1 || uri.getPort() == defaultPort ? "" : ":" + uri.getPort();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port;
    }

    private static Duration duration(ConfigNode node, String key, Duration fallback) {
        Duration d = node.parsed(key, fallback, ConfigValues::duration, "a duration such as 30s or 15m");
        if (d.isZero() || d.isNegative()) {
            node.problem(key, "must be positive");
            return fallback;
        }
        return d;
    }
}
