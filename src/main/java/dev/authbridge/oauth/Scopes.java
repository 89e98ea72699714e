package dev.authbridge.oauth;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Scope handling. The vendor's API knows only {@code *}; {@code openid} is accepted for OpenID
 * Connect clients and kept in the granted scope. Anything else is {@code invalid_scope}.
 */
public final class Scopes {
    public static final String ALL = "*";
    public static final String OPENID = "openid";

    private Scopes() {}

    /** The scope to grant for a requested one (null = default {@code *}). */
    public static String grant(String requested) {
        if (requested == null || requested.isBlank()) {
            return ALL;
        }
        Set<String> asked = new LinkedHashSet<>();
        for (String s : requested.trim().split(" +")) {
            if (!s.equals(ALL) && !s.equals(OPENID)) {
                throw OAuthException.invalidScope("unsupported scope; supported: * and openid");
            }
            asked.add(s);
        }
        if (asked.contains(ALL) && asked.contains(OPENID)) {
            return ALL + " " + OPENID;
        }
        return asked.iterator().next();
    }

    /** Whether a granted scope (space-separated) includes {@code openid}: an id token is due. */
    public static boolean includesOpenId(String granted) {
        return granted != null && java.util.Arrays.asList(granted.split(" ")).contains(OPENID);
    }

    /** RFC 6749 §6: a refresh may narrow the scope, never widen it. */
    public static String narrow(String original, String requested) {
        return narrow(original, requested, "a refresh cannot widen the scope");
    }

    /** The requested scope within {@code original} (null: all of it), else {@code invalid_scope} saying {@code refusal}. */
    public static String narrow(String original, String requested, String refusal) {
        if (requested == null || requested.isBlank()) {
            return original;
        }
        String wanted = grant(requested);
        Set<String> granted = Set.of(original.split(" "));
        for (String s : wanted.split(" ")) {
            if (!granted.contains(s)) {
                throw OAuthException.invalidScope(refusal);
            }
        }
        return wanted;
    }
}
