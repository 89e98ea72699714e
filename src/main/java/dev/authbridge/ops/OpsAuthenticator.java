package dev.authbridge.ops;

import dev.authbridge.audit.Origin;
import dev.authbridge.config.OpsConfig;
import dev.authbridge.config.Secret;
import dev.authbridge.lockout.LockedOutException;
import dev.authbridge.lockout.OperatorGuard;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Who calls the ops API: {@code Authorization: Basic base64(user:password)} (RFC 7617, UTF-8; the
 * name ends at the first colon) against {@code ops.user} and {@code ops.password}. Both are
 * compared in constant time, and both always (no early exit on a wrong name). A header that is
 * missing or not Basic is no guess and counts nothing; a wrong name or password counts toward a
 * lockout ({@link OperatorGuard}), during which every attempt is refused alike.
 */
public final class OpsAuthenticator {
    /** A name or password longer than this is no operator's: refused without a comparison. */
    static final int MAX_CREDENTIAL = 1024;

    private final Secret user;
    private final Secret password;
    private final OperatorGuard guard;

    public OpsAuthenticator(OpsConfig config, OperatorGuard guard) {
        this.user = new Secret(config.user());
        this.password = config.password();
        this.guard = guard;
    }

    /**
     * @return the operator's name
     * @throws OpsUnauthorizedException for anything but the configured credentials, outside a lockout
     */
    public String authenticate(String authorization, Origin origin) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)
                || authorization.length() > 4 * MAX_CREDENTIAL) {
            throw new OpsUnauthorizedException(0);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new OpsUnauthorizedException(0);
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new OpsUnauthorizedException(0);
        }
        String name = decoded.substring(0, colon);
        // & not &&: the password is compared whether the name matched or not.
        boolean right = user.matches(name) & password.matches(decoded.substring(colon + 1));
        try {
            if (!guard.check(name, right, origin)) {
                throw new OpsUnauthorizedException(0);
            }
        } catch (LockedOutException e) {
            throw new OpsUnauthorizedException(e.retryAfterSeconds());
        }
        return name;
    }
}
