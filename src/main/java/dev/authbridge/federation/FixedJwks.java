package dev.authbridge.federation;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;

/** A JWK set given at boot ({@code jwksFile}, inline {@code keys}): a key it lacks is unknown for good. */
final class FixedJwks implements JWKSource<SecurityContext> {
    private final JWKSet keys;

    FixedJwks(JWKSet keys) {
        this.keys = keys;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        List<JWK> found = selector.select(keys);
        if (found.isEmpty()) {
            throw new UnknownKeyException();
        }
        return found;
    }
}
