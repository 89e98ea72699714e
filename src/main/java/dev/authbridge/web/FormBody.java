package dev.authbridge.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strictly parsed {@code application/x-www-form-urlencoded} body. A parameter that appears
 * twice is refused (RFC 6749 §3.1, §3.2: "MUST NOT be included more than once"), as is any
 * malformed percent-encoding; the caller turns these into its own error shape.
 */
public final class FormBody {
    private final Map<String, String> values;

    private FormBody(Map<String, String> values) {
        this.values = values;
    }

    /** @throws IllegalArgumentException with a message safe to show the client */
    public static FormBody parse(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return new FormBody(values);
        }
        for (String pair : body.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (values.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("parameter '" + printable(name) + "' is repeated");
            }
        }
        return new FormBody(values);
    }

    /** The value, or null when absent. An empty value counts as absent. */
    public String get(String name) {
        String v = values.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed form encoding");
        }
    }

    /** Parameter names are echoed in errors: keep them short and printable. */
    private static String printable(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9_.-]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
