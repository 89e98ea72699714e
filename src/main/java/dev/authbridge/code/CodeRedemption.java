package dev.authbridge.code;

/**
 * The answer of {@link AuthorizationCodes#redeem}: the code may be exchanged for tokens, or it is
 * refused for a reason the token endpoint returns as {@code invalid_grant} (RFC 6749 §5.2, RFC
 * 7636 §4.6).
 */
public sealed interface CodeRedemption {

    /** The code, now marked used: issue its tokens, then {@link AuthorizationCodes#bindTokens}. */
    record Redeemed(AuthorizationCode code) implements CodeRedemption {}

    /**
     * Refused. {@code reason} is safe to send as {@code error_description}: it never contains the
     * code or the verifier. The constants are the only instances.
     */
    record Refused(String reason) implements CodeRedemption {
        public static final Refused UNKNOWN = new Refused("authorization code is unknown");
        public static final Refused OTHER_CLIENT = new Refused("authorization code was issued to another client");
        public static final Refused EXPIRED = new Refused("authorization code has expired");
        public static final Refused REPLAYED =
                new Refused("authorization code was already used; the tokens issued for it are revoked");
        public static final Refused REDIRECT_MISMATCH =
                new Refused("redirect_uri does not match the one of the authorization request");
        public static final Refused VERIFIER_MISSING = new Refused("code_verifier is required (PKCE was used)");
        public static final Refused VERIFIER_MISMATCH = new Refused("code_verifier does not match the code_challenge");
        public static final Refused VERIFIER_UNEXPECTED =
                new Refused("code_verifier sent for a code requested without code_challenge");
    }
}
