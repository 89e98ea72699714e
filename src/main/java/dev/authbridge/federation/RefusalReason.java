package dev.authbridge.federation;

/**
 * Why a token of a trusted issuer was refused: {@link #code()} for the audit log (stable, lower
 * case), {@link #description()} fit for an RFC 6749 §5.2 {@code error_description} (ASCII, says
 * what is wrong with the token, nothing about the configuration).
 */
public enum RefusalReason {
    MALFORMED("malformed", "The assertion is not a signed JWT."),
    TOO_LARGE("too_large", "The assertion is too large."),
    UNSIGNED("unsigned", "The assertion is not signed."),
    ENCRYPTED("encrypted", "Encrypted assertions are not accepted."),
    CRITICAL_HEADER("critical_header", "The assertion has critical header parameters."),
    BAD_TYPE("bad_type", "The assertion is not of type JWT."),
    ALGORITHM_NOT_ALLOWED("algorithm_not_allowed", "The assertion's signing algorithm is not accepted."),
    UNKNOWN_ISSUER("unknown_issuer", "The assertion's issuer is not trusted."),
    UNKNOWN_KEY("unknown_key", "The assertion is signed with an unknown key."),
    BAD_SIGNATURE("bad_signature", "The assertion's signature is invalid."),
    BAD_AUDIENCE("bad_audience", "The assertion is not meant for this server (aud)."),
    MISSING_EXP("missing_exp", "The assertion has no expiry (exp)."),
    EXPIRED("expired", "The assertion has expired."),
    NOT_YET_VALID("not_yet_valid", "The assertion is not valid yet (nbf)."),
    ISSUED_IN_FUTURE("issued_in_future", "The assertion is issued in the future (iat)."),
    LIFETIME_TOO_LONG("lifetime_too_long", "The assertion lives longer than accepted."),
    MISSING_JTI("missing_jti", "The assertion has no identifier (jti)."),
    JTI_TOO_LONG("jti_too_long", "The assertion's identifier (jti) is too long."),
    BAD_USER_CLAIM("bad_user_claim", "The assertion names no user."),
    UNKNOWN_TENANT("unknown_tenant", "The assertion's tenant is not known."),
    INVALID_CLAIMS("invalid_claims", "The assertion's claims are invalid."),
    INVALID_TOKEN("invalid_token", "The assertion is invalid."),
    REPLAYED("replayed", "The assertion was used before.");

    private final String code;
    private final String description;

    RefusalReason(String code, String description) {
        this.code = code;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }
}
