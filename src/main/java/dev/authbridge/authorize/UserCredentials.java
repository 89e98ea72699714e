package dev.authbridge.authorize;

import dev.authbridge.config.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A user's name and password from {@code Authorization: Basic} on {@code /oauth/authorize}
 * (RFC 7617: {@code base64(user:password)}, UTF-8, the name ends at the first colon; the
 * password may contain colons). The name is <code>tenant&#92;user</code> as on the form.
 */
record UserCredentials(String userName, Secret password) {

    /** Empty when the header is not Basic or is malformed. */
    static Optional<UserCredentials> fromBasic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new UserCredentials(decoded.substring(0, colon), new Secret(decoded.substring(colon + 1))));
    }

    /** Whether a header asks for Basic at all (it may still be malformed). */
    static boolean isBasic(String header) {
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    }
}
