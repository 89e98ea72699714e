package dev.authbridge.federation;

import com.nimbusds.jose.KeySourceException;

/**
 * No key of the issuer's set fits the token's header ({@code kid}, key type), even after the set
 * was fetched again or may not be yet: the token is refused ({@link RefusalReason#UNKNOWN_KEY}).
 * Thrown by the key sources through nimbus's processor, which passes key source failures on.
 */
final class UnknownKeyException extends KeySourceException {
    UnknownKeyException() {
        super("no key of the issuer's JWK set fits the token's header");
    }
}
