package dev.authbridge.federation;

import com.nimbusds.jose.KeySourceException;

/** No usable key set at all (see {@link IssuerUnavailableException}); thrown through nimbus's processor. */
final class KeysUnavailableException extends KeySourceException {
    KeysUnavailableException(String reason) {
        super(reason);
    }
}
