package dev.authbridge.federation;

import dev.authbridge.config.TenantConfig;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A token of a trusted issuer, verified and used for the first time: who it names and how the
 * directory finds them. The grant looks the user up by {@code userAttribute} = {@code userValue}
 * in {@code tenant}'s subtree (null: users outside every tenant), as it would for a typed name.
 *
 * @param issuer the configured issuer that signed it
 * @param subject its {@code sub}, or null (for an RFC 8693 {@code act} claim)
 * @param userClaim the claim that named the user
 * @param userValue that claim's value
 * @param userAttribute the directory attribute to match {@code userValue} against
 * @param tenant the contact center the user belongs to, or null
 * @param jti its identifier (the configured {@code jtiClaim}), now remembered until {@code
 *     expiresAt} plus the skew
 * @param issuedAt its {@code iat}, or null
 * @param claims every claim, as JSON values (times in seconds since the epoch)
 */
public record VerifiedAssertion(
        String issuer,
        String subject,
        String userClaim,
        String userValue,
        String userAttribute,
        TenantConfig tenant,
        String jti,
        Instant issuedAt,
        Instant expiresAt,
        Map<String, Object> claims) implements AssertionResult {

    public VerifiedAssertion {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(userValue, "userValue");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(expiresAt, "expiresAt");
        // A claim may be JSON null, which Map.copyOf refuses.
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    @Override
    public Optional<VerifiedAssertion> verified() {
        return Optional.of(this);
    }
}
