package dev.authbridge.jwt;

/**
 * Where a signing key is in its life. There is always exactly one {@code ACTIVE} key (signs
 * everything) and one {@code NEXT} key (published, not yet signing): a rotation promotes the key
 * every resource server has already seen in the JWK set, so no verifier meets an unknown
 * {@code kid}. {@code RETIRED} keys keep only their public half and stay published until what
 * they signed has expired.
 */
public enum KeyStatus {
    NEXT,
    ACTIVE,
    RETIRED
}
