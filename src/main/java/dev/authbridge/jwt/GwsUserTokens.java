package dev.authbridge.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.authbridge.api.PublicUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The {@code X-GWS-User} token of {@code GET /jwt-userinfo}: the user's details as claims plus
 * {@code iss}, {@code sub}, {@code aud} (the client the access token was issued to), {@code iat},
 * {@code exp} and {@code jti}, signed by the {@link KeyRing} so downstream services can verify it
 * offline against the published JWK set. It is short-lived, and never outlives the access token
 * it was made from. A client registered with {@code gwsUserAlgorithm: EdDSA} gets it signed by the
 * active key's Ed25519 companion ({@link KeyRing#signEdDsa}), every other by the active key.
 */
public final class GwsUserTokens {
    /** Registered claims are set here, never taken from the user's details. */
    private static final Set<String> REGISTERED = Set.of("iss", "sub", "aud", "iat", "exp", "nbf", "jti");

    private final KeyRing keys;
    private final PublicUrl publicUrl;
    private final Duration ttl;
    private final Clock clock;
    private final Predicate<String> edDsaAudience;

    /** Signed by the active key for every client. */
    public GwsUserTokens(KeyRing keys, PublicUrl publicUrl, Duration ttl, Clock clock) {
        this(keys, publicUrl, ttl, clock, client -> false);
    }

    /** @param edDsaAudience whether the client of this id verifies EdDSA */
    public GwsUserTokens(KeyRing keys, PublicUrl publicUrl, Duration ttl, Clock clock, Predicate<String> edDsaAudience) {
        this.keys = keys;
        this.publicUrl = publicUrl;
        this.ttl = ttl;
        this.clock = clock;
        this.edDsaAudience = edDsaAudience;
    }

    /**
     * @param details the user's details (the {@code CloudUserDetails} fields), one claim each
     * @param notAfter the access token's expiry: the token expires then at the latest
     */
    public String sign(String subject, String audience, Map<String, Object> details, Instant notAfter) {
        Instant now = clock.instant();
        Instant exp = now.plus(ttl);
        if (notAfter.isBefore(exp)) {
            exp = notAfter;
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        details.forEach((name, value) -> {
            if (!REGISTERED.contains(name) && value != null) {
                claims.claim(name, value);
            }
        });
        JWTClaimsSet set = claims
                .issuer(publicUrl.api())
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(exp))
                .jwtID(UUID.randomUUID().toString())
                .build();
        return edDsaAudience.test(audience) ? keys.signEdDsa(set) : keys.sign(set);
    }
}
