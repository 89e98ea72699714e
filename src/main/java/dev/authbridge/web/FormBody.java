package dev.authbridge.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strictly parsed {@code application/x-www-form-urlencoded} body. A parameter that appears
 * twice is refused ({@link Parameters#single}), as is any malformed percent-encoding; the caller
 * turns these into its own error shape.
 */
public final class FormBody {
    private final Map<String, String> values;

    private FormBody(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @throws RepeatedParameterException when a parameter appears more than once
     * @throws IllegalArgumentException for malformed encoding, with a message safe to show the client
     */
    public static FormBody parse(String body) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        if (body != null && !body.isEmpty()) {
            for (String pair : body.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                all.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : all.keySet()) {
            values.put(name, Parameters.single(all, name));
        }
        return new FormBody(values);
    }

    /** The value, or null when absent. An empty value counts as absent. */
    public String get(String name) {
        return values.get(name);
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
}
