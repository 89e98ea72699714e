package dev.authbridge.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Reads where a trusted issuer's keys come from: exactly one of {@code jwksUrl} (with its fetch
 * bounds), {@code jwksFile} or the inline {@code keys}. A JWK set given at boot is parsed and
 * checked here: public RSA or EC keys only, each usable by an accepted algorithm.
 */
final class IssuerKeysSection {
    private static final List<String> FETCH_SETTINGS =
            List.of("jwksConnectTimeout", "jwksReadTimeout", "jwksMinRefreshInterval");
    private static final long DEFAULT_MAX_BYTES = 64 * 1024;

    private final Path baseDir;

    IssuerKeysSection(Path baseDir) {
        this.baseDir = baseDir;
    }

    /** The keys of the issuer at {@code node}; null when they are missing or wrong (a problem says why). */
    IssuerKeysConfig read(ConfigNode node, Set<JWSAlgorithm> algorithms) {
        boolean url = node.has("jwksUrl");
        boolean file = node.has("jwksFile");
        boolean inline = node.has("keys");
        int sources = (url ? 1 : 0) + (file ? 1 : 0) + (inline ? 1 : 0);
        if (sources != 1) {
            node.problem(sources == 0 ? "jwksUrl" : "keys", sources == 0
                    ? "is required: say where the issuer's keys are (jwksUrl, jwksFile or keys)"
                    : "jwksUrl, jwksFile and keys exclude each other: give one");
        }
        Duration connect = TrustedIssuersSection.bounded(node, "jwksConnectTimeout", Duration.ofSeconds(2),
                Duration.ofMillis(100), Duration.ofSeconds(30));
        Duration read = TrustedIssuersSection.bounded(node, "jwksReadTimeout", Duration.ofSeconds(5),
                Duration.ofMillis(100), Duration.ofSeconds(60));
        Duration minRefresh = TrustedIssuersSection.bounded(node, "jwksMinRefreshInterval", Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofHours(1));
        long maxBytes = node.parsed("jwksMaxSize", DEFAULT_MAX_BYTES, ConfigValues::bytes, "a size such as 64KiB");
        if (maxBytes < 1024 || maxBytes > 1024 * 1024) {
            node.problem("jwksMaxSize", "must be between 1KiB and 1MiB");
            maxBytes = DEFAULT_MAX_BYTES;
        }
        if (!url) {
            FETCH_SETTINGS.stream().filter(node::has)
                    .forEach(key -> node.problem(key, "applies to jwksUrl only"));
        }
        if (sources != 1) {
            return null;
        }
        if (url) {
            String text = node.string("jwksUrl", null);
            return text != null && TrustedIssuersSection.url(node, "jwksUrl", text, true)
                    ? new IssuerKeysConfig.Remote(URI.create(text), connect, read, (int) maxBytes, minRefresh)
                    : null;
        }
        String json = file ? readFile(node, maxBytes) : inline(node);
        JWKSet keys = json == null ? null : parse(node, file ? "jwksFile" : "keys", json, algorithms);
        return keys == null ? null : new IssuerKeysConfig.Fixed(keys);
    }

    private String readFile(ConfigNode node, long maxBytes) {
        String name = node.string("jwksFile", null);
        if (name == null) {
            return null;
        }
        Path path = baseDir.resolve(name).normalize();
        try {
            if (Files.size(path) > maxBytes) {
                node.problem("jwksFile", "'" + path + "' is larger than jwksMaxSize (" + maxBytes + " bytes)");
                return null;
            }
            return Files.readString(path);
        } catch (IOException e) {
            node.problem("jwksFile", "'" + path + "' is not a readable file");
            return null;
        }
    }

    /** A list of JWKs, a JWK set ({@code {"keys": [...]}}) in YAML or JSON, or a string holding its JSON. */
    private static String inline(ConfigNode node) {
        JsonNode value = node.tree("keys");
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isArray()) {
            return "{\"keys\":" + value + "}";
        }
        return value.toString();
    }

    private static JWKSet parse(ConfigNode node, String key, String json, Set<JWSAlgorithm> algorithms) {
        JWKSet set;
        try {
            set = JWKSet.parse(json);
        } catch (ParseException e) {
            // nimbus names the member at fault, never a value (a key's parameters stay out of the message).
            node.problem(key, "is not a JWK set (RFC 7517 §5): " + e.getMessage());
            return null;
        }
        List<JWK> keys = set.getKeys();
        if (keys.isEmpty()) {
            node.problem(key, "holds no key");
            return null;
        }
        boolean ok = true;
        for (int i = 0; i < keys.size(); i++) {
            JWK jwk = keys.get(i);
            String which = "key " + i + (jwk.getKeyID() == null ? "" : " ('" + jwk.getKeyID() + "')");
            String unusable = IssuerKeysConfig.unusable(jwk);
            // A symmetric key is "private" too; its refusal says more.
            String refusal = jwk.isPrivate() && !KeyType.OCT.equals(jwk.getKeyType())
                    ? "holds a private key: give only the public half" : unusable;
            if (refusal != null) {
                node.problem(key, which + " " + refusal);
                ok = false;
            } else if (!algorithms.isEmpty() && algorithms.stream()
                    .noneMatch(alg -> JWKMatcher.forJWSHeader(new JWSHeader(alg)).matches(jwk))) {
                node.problem(key, which + " fits none of the algorithms " + algorithms);
                ok = false;
            }
        }
        return ok ? set : null;
    }
}
