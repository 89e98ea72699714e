package dev.authbridge.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.authbridge.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who acts for a token's user, the {@code act} claim of delegation
 * (<a href="https://www.rfc-editor.org/rfc/rfc8693#section-4.1">RFC 8693 §4.1</a>): the actor's
 * {@code sub} (a user's stable id, or a client id for a client's own token, as introspection's
 * {@code sub} names them), the client its token was issued to, and the actor before it when the
 * token it acted on was itself delegated ({@code prior}, the nested {@code act}; null for none).
 * Only identity claims: §4.1 forbids {@code exp}, {@code aud} and the like inside {@code act}.
 */
public record Actor(String subject, String clientId, Actor prior) {
    private static final TypeReference<Map<String, Object>> CLAIMS = new TypeReference<>() {};

    /** The {@code act} claim: {@code {"sub": …, "client_id": …, "act": {…}}}. */
    public Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("client_id", clientId);
        if (prior != null) {
            claims.put("act", prior.claims());
        }
        return claims;
    }

    /** As the token store keeps it: the claim's JSON. */
    String toJson() {
        return new String(Json.bytes(claims()), StandardCharsets.UTF_8);
    }

    /** What {@link #toJson} wrote; null for null. */
    static Actor fromJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            return fromClaims(Json.MAPPER.readValue(json, CLAIMS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the token store holds an act claim it did not write", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Actor fromClaims(Map<String, Object> claims) {
        Object prior = claims.get("act");
        return new Actor((String) claims.get("sub"), (String) claims.get("client_id"),
                prior instanceof Map<?, ?> nested ? fromClaims((Map<String, Object>) nested) : null);
    }
}
