package dev.authbridge.authorize;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where an authorization response goes once {@code redirect_uri} is known to be registered: the
 * query of the redirect URI for {@code code} (RFC 6749 §4.1.2, keeping a query it already has,
 * §3.1.2), its fragment for {@code token} (§4.2.2). Every response, success or error, echoes
 * {@code state} and carries {@code iss} (RFC 9207 §2), so a client talking to several servers
 * can tell which one answered (mix-up attacks, RFC 9700 §4.4).
 */
record ResponseTarget(String redirectUri, boolean fragment, String state, String issuer) {

    String location(Map<String, String> parameters) {
        Map<String, String> all = new LinkedHashMap<>(parameters);
        if (state != null) {
            all.put("state", state);
        }
        all.put("iss", issuer);
        String encoded = all.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        if (fragment) {
            return redirectUri + "#" + encoded;
        }
        if (!redirectUri.contains("?")) {
            return redirectUri + "?" + encoded;
        }
        return redirectUri + (redirectUri.endsWith("?") || redirectUri.endsWith("&") ? "" : "&") + encoded;
    }

    /** An error for the client (RFC 6749 §4.1.2.1, §4.2.2.1), sent back to it by redirect. */
    AuthorizeErrorException error(String error, String description) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", error);
        parameters.put("error_description", description);
        return new AuthorizeErrorException(error, description, location(parameters));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
