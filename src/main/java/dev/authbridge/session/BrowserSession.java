package dev.authbridge.session;

import dev.authbridge.token.TokenOwner;
import java.time.Instant;
import java.util.Set;

/**
 * A browser's signed-in state, behind an opaque cookie: what single sign-on rests on. Only the
 * SHA-256 of the cookie value is stored.
 *
 * @param owner the user, with {@code authTime} = when the password was typed
 * @param clients the clients it has signed in to: the one the password was typed for, then each
 *     one single sign-on answered
 * @param idleExpiresAt the session ends here unless used before; never after {@code expiresAt}
 * @param expiresAt the absolute end, however active the session is
 */
public record BrowserSession(String hash, TokenOwner owner, Set<String> clients, Instant idleExpiresAt,
        Instant expiresAt) {

    public BrowserSession {
        clients = Set.copyOf(clients);
    }

    public boolean isLive(Instant now) {
        return now.isBefore(idleExpiresAt) && now.isBefore(expiresAt);
    }
}
