package dev.authbridge.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Matching a requested redirect URI against a client's registered ones. Exact string comparison
 * (RFC 9700 §4.1.3), with one allowance for the vendor's habit of registering bare origins: a
 * registered value with no path matches any URI of exactly that scheme, host and port. No
 * wildcards, no prefixes, no normalisation that could let a look-alike through.
 */
public final class RedirectUris {
    private RedirectUris() {}

    /** Whether {@code uri} may be registered: an absolute http(s) URI with a host, no fragment, no user info. */
    public static boolean isValidRegistration(String uri) {
        URI parsed = parse(uri);
        return parsed != null && parsed.getFragment() == null && parsed.getRawUserInfo() == null;
    }

    public static boolean matches(String registered, String requested) {
        if (registered.equals(requested)) {
            return true;
        }
        URI reg = parse(registered);
        if (reg == null || !(reg.getRawPath() == null || reg.getRawPath().isEmpty())
                || reg.getRawQuery() != null) {
            return false;
        }
        URI req = parse(requested);
        return req != null
                && req.getFragment() == null
                && req.getRawUserInfo() == null
                && !req.getRawPath().contains("/..") && !req.getRawPath().contains("/./")
                && reg.getScheme().equalsIgnoreCase(req.getScheme())
                && reg.getHost().equalsIgnoreCase(req.getHost())
                && port(reg) == port(req);
    }

    private static URI parse(String uri) {
        try {
            URI parsed = new URI(uri);
            String scheme = parsed.getScheme();
            if (scheme == null || parsed.getHost() == null || parsed.isOpaque()) {
                return null;
            }
            String s = scheme.toLowerCase(Locale.ROOT);
            return s.equals("http") || s.equals("https") ? parsed : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }
}
