package dev.authbridge.web;

import io.javalin.http.Context;
import java.util.Optional;

/** Reads {@code Authorization: bearer <token>}; the scheme is case-insensitive (RFC 7235 §2.1). */
public final class Bearer {
    private static final String SCHEME = "bearer ";

    private Bearer() {}

    public static Optional<String> token(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String token = header.substring(SCHEME.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
