package dev.authbridge.config;

/** The JWS algorithms authbridge signs with (RFC 7518 §3.1): RSA PKCS#1 v1.5 or ECDSA P-256, both with SHA-256. */
public enum SigningAlgorithm {
    RS256,
    ES256
}
