package dev.authbridge.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * One mapping of the YAML tree, read key by key. Every read records the key as known and every
 * bad value as a problem naming its full path, so all problems are reported together; {@link
 * #finish()} then reports the keys nobody read (typos, unknown settings).
 */
final class ConfigNode {
    private final String path;
    private final JsonNode node;
    private final List<String> problems;
    private final Set<String> known = new HashSet<>();

    ConfigNode(String path, JsonNode node, List<String> problems) {
        this.path = path;
        this.node = node == null ? MissingNode.getInstance() : node;
        this.problems = problems;
        if (!this.node.isMissingNode() && !this.node.isNull() && !this.node.isObject()) {
            problem("", "must be a mapping of keys to values");
        }
    }

    boolean isPresent() {
        return node.isObject();
    }

    boolean has(String key) {
        known.add(key);
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(String key, String message) {
        String where = key.isEmpty() ? path : path(key);
        problems.add((where.isEmpty() ? "(top level)" : where) + ": " + message);
    }

    ConfigNode child(String key) {
        known.add(key);
        return new ConfigNode(path(key), node.get(key), problems);
    }

    String string(String key, String fallback) {
        JsonNode value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isValueNode() || value.isNull()) {
            problem(key, "must be a single value");
            return fallback;
        }
        return value.asText();
    }

    String requiredString(String key) {
        String value = string(key, null);
        if (value == null && raw(key) == null) {
            problem(key, "is required");
        } else if (value != null && value.isBlank()) {
            problem(key, "must not be empty");
            return null;
        }
        return value;
    }

    /** Reads a value and converts it; a conversion failure becomes a problem and the fallback. */
    <T> T parsed(String key, T fallback, Function<String, T> parser, String expected) {
        String text = string(key, null);
        if (text == null) {
            return fallback;
        }
        try {
            return parser.apply(text.trim());
        } catch (RuntimeException e) {
            problem(key, "'" + text + "' is not " + expected);
            return fallback;
        }
    }

    int integer(String key, int fallback, int min, int max) {
        Integer value = parsed(key, fallback, Integer::valueOf, "a whole number");
        if (value < min || value > max) {
            problem(key, value + " is out of range " + min + ".." + max);
            return fallback;
        }
        return value;
    }

    boolean bool(String key, boolean fallback) {
        return parsed(key, fallback, ConfigNode::parseBoolean, "true or false");
    }

    UUID uuid(String key, boolean required) {
        if (required && raw(key) == null) {
            problem(key, "is required (a UUID)");
            return null;
        }
        return parsed(key, null, UUID::fromString, "a UUID");
    }

    List<String> strings(String key, List<String> fallback) {
        JsonNode value = raw(key);
        if (value == null) {
            return fallback;
        }
        if (value.isValueNode()) {
            return List.of(value.asText());
        }
        List<String> out = new ArrayList<>();
        if (!value.isArray()) {
            problem(key, "must be a list of values");
            return fallback;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isValueNode() || item.isNull()) {
                problem(key + "[" + i + "]", "must be a single value");
            } else {
                out.add(item.asText());
            }
        }
        return List.copyOf(out);
    }

    Map<String, String> stringMap(String key) {
        JsonNode value = raw(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return Map.of();
        }
        if (!value.isObject()) {
            problem(key, "must be a mapping");
            return Map.of();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                problem(key + "." + e.getKey(), "must be a single value");
            } else {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return Map.copyOf(out);
    }

    List<ConfigNode> list(String key) {
        JsonNode value = raw(key);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            problem(key, "must be a list");
            return List.of();
        }
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            out.add(new ConfigNode(path(key) + "[" + i + "]", value.get(i), problems));
        }
        return out;
    }

    /**
     * The value of {@code key} as the tree holds it (a JWK set written inline is JSON, not a
     * setting), or null when absent; the key counts as read.
     */
    JsonNode tree(String key) {
        return raw(key);
    }

    /** Reports every key of this mapping that no read asked for. */
    void finish() {
        if (!node.isObject()) {
            return;
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problem(name, "unknown setting");
            }
        });
    }

    private JsonNode raw(String key) {
        known.add(key);
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    private static boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(text);
    }
}
