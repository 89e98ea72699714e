package dev.authbridge.session;

import dev.authbridge.web.Parameters;
import dev.authbridge.web.RepeatedParameterException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The parameters of {@code GET|POST /sign-out}, read once from the query: the vendor's {@code
 * global} and {@code redirectUri}, and OpenID Connect RP-Initiated Logout's {@code id_token_hint},
 * {@code post_logout_redirect_uri} (the same as {@code redirectUri}; not both), {@code client_id}
 * and {@code state} (given back on the redirect). An empty value counts as absent; a repeated one
 * is refused.
 */
public record SignOutRequest(boolean global, String redirectUri, String idTokenHint, String clientId, String state) {
    static final int MAX_STATE = 2048;

    /**
     * @param invalid makes the exception thrown for a malformed request from its message (the
     *     envelope for an API caller, the error page for a browser)
     */
    public static SignOutRequest parse(Map<String, List<String>> query, Function<String, RuntimeException> invalid) {
        String global = single(query, "global", invalid);
        if (global != null && !global.equalsIgnoreCase("true") && !global.equalsIgnoreCase("false")) {
            throw invalid.apply("global must be true or false");
        }
        String redirect = single(query, "redirectUri", invalid);
        String postLogout = single(query, "post_logout_redirect_uri", invalid);
        if (redirect != null && postLogout != null) {
            throw invalid.apply("give redirectUri or post_logout_redirect_uri, not both");
        }
        String state = single(query, "state", invalid);
        if (state != null && state.length() > MAX_STATE) {
            throw invalid.apply("state is longer than " + MAX_STATE + " characters");
        }
        return new SignOutRequest("true".equalsIgnoreCase(global), redirect != null ? redirect : postLogout,
                single(query, "id_token_hint", invalid), single(query, "client_id", invalid), state);
    }

    /** The parameters as a form carries them, for its CSRF token and its action's query. */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        if (global) {
            fields.put("global", "true");
        }
        put(fields, "redirectUri", redirectUri);
        put(fields, "id_token_hint", idTokenHint);
        put(fields, "client_id", clientId);
        put(fields, "state", state);
        return fields;
    }

    /** {@link #fields()} as a URL query, without the {@code ?}. */
    public String query() {
        StringBuilder query = new StringBuilder();
        fields().forEach((name, value) -> query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    private static String single(Map<String, List<String>> query, String name,
            Function<String, RuntimeException> invalid) {
        try {
            return Parameters.single(query, name);
        } catch (RepeatedParameterException e) {
            throw invalid.apply(e.getMessage());
        }
    }
}
