package dev.authbridge.client;

/** The vendor's {@code clientType}: whether the client holds a secret (RFC 6749 §2.1). */
public enum ClientType {
    /** Authenticates with its secret. */
    CONFIDENTIAL,
    /** A browser or mobile application: no secret, PKCE at the authorization endpoint. */
    PUBLIC
}
