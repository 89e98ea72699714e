package dev.authbridge.token;

/**
 * The answer of {@link TokenService#checkRefresh}: the presented refresh token may be redeemed,
 * or it is refused for a reason the token endpoint returns as {@code invalid_grant}
 * (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 §5.2</a>).
 */
public sealed interface RefreshCheck {

    /** A live refresh token issued to the client that presented it. */
    record Valid(StoredToken refresh) implements RefreshCheck {}

    /**
     * Refused. {@code reason} is safe to send as {@code error_description}: it never contains
     * the token. The constants below are the only instances {@link TokenService} returns.
     */
    record Refused(String reason) implements RefreshCheck {
        public static final Refused UNKNOWN = new Refused("refresh token is unknown");
        public static final Refused EXPIRED = new Refused("refresh token has expired");
        public static final Refused REVOKED = new Refused("refresh token has been revoked");
        public static final Refused OTHER_CLIENT = new Refused("refresh token was issued to another client");
        public static final Refused REUSED = new Refused("refresh token was already used; its sign-in is revoked");
    }
}
