package dev.authbridge.audit;

import java.util.Locale;

/** What happened; written as the lower-case name ({@code sign_in}, {@code token_issued}…). */
public enum AuditEventType {
    /** A password was checked (grant or sign-in page); {@code reason} says why it failed. */
    SIGN_IN,
    /** A client failed to authenticate (wrong secret, unknown id, locked out); {@code reason} says which. */
    CLIENT_AUTHENTICATION,
    /** An account, user name, client or address was locked out after too many wrong credentials. */
    LOCKOUT,
    /** An administrator cleared lockouts. */
    LOCKOUT_CLEARED,
    /** Tokens were issued by a grant ({@code grant} detail). */
    TOKEN_ISSUED,
    /** A refresh token was redeemed for new tokens. */
    TOKEN_REFRESHED,
    /** The token endpoint refused a request ({@code reason}: the OAuth error code). */
    TOKEN_REFUSED,
    /** A refresh token was presented again: its whole sign-in was revoked (RFC 9700 §4.14.2). */
    REFRESH_TOKEN_REUSE,
    /** Tokens were revoked (by an administrator or a revocation request). */
    TOKENS_REVOKED,
    /** A user signed out. */
    SIGN_OUT,
    /** A password change, made or refused. */
    PASSWORD_CHANGE,
    /** An operator registered a client (ops API or command line), or was refused ({@code reason}). */
    CLIENT_CREATED,
    /** An operator changed a registered client, or was refused. */
    CLIENT_UPDATED,
    /** An operator deleted a registered client (its tokens revoked), or was refused. */
    CLIENT_DELETED,
    /** Someone failed to authenticate as the operator of the ops API ({@code reason} says how). */
    OPS_AUTHENTICATION;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
