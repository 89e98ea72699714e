package dev.authbridge.federation;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The claim checks of a trusted issuer's token, run by nimbus's processor once the signature is
 * verified. Each check says why it failed ({@link ClaimRefusedException}); nimbus's own {@link
 * DefaultJWTClaimsVerifier} then checks again what it knows (exact {@code iss}, accepted {@code
 * aud}, required claims, {@code exp} and {@code nbf} with the same skew, on the same clock).
 *
 * <p>RFC 7523 §3: {@code aud} must designate authbridge, {@code exp} is required and the issuer
 * chooses the lifetime; authbridge caps it ({@code maxLifetime}) so that a stolen assertion is
 * short-lived and its remembered {@code jti} is purged soon. {@code jti} is required: it is how a
 * replay is recognised.
 */
final class AssertionClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {
    private final Set<String> audience;
    private final String jtiClaim;
    private final Duration skew;
    private final Duration maxLifetime;
    private final Clock clock;

    AssertionClaimsVerifier(String issuer, Set<String> audience, String jtiClaim, Duration skew, Duration maxLifetime,
            Clock clock) {
        super(audience, new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("iss", "aud", "exp", jtiClaim), null);
        setMaxClockSkew(Math.toIntExact(skew.toSeconds()));
        this.audience = audience;
        this.jtiClaim = jtiClaim;
        this.skew = skew;
        this.maxLifetime = maxLifetime;
        this.clock = clock;
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        Instant now = clock.instant();
        List<String> aud = claims.getAudience();
        refuseIf(aud.stream().noneMatch(audience::contains), RefusalReason.BAD_AUDIENCE);
        Date exp = claims.getExpirationTime();
        refuseIf(exp == null, RefusalReason.MISSING_EXP);
        // The same comparisons as nimbus's (DateUtils.isAfter / isBefore with the skew).
        refuseIf(exp.getTime() + skew.toMillis() <= now.toEpochMilli(), RefusalReason.EXPIRED);
        Date nbf = claims.getNotBeforeTime();
        refuseIf(nbf != null && nbf.getTime() - skew.toMillis() >= now.toEpochMilli(), RefusalReason.NOT_YET_VALID);
        Date iat = claims.getIssueTime();
        refuseIf(iat != null && iat.getTime() - skew.toMillis() > now.toEpochMilli(), RefusalReason.ISSUED_IN_FUTURE);
        // Without iat, the lifetime counts from now (give or take the skew between the clocks).
        Instant start = iat != null ? iat.toInstant() : now.plus(skew);
        refuseIf(Duration.between(start, exp.toInstant()).compareTo(maxLifetime) > 0, RefusalReason.LIFETIME_TOO_LONG);
        Object jti = claims.getClaim(jtiClaim);
        refuseIf(!(jti instanceof String id) || id.isEmpty(), RefusalReason.MISSING_JTI);
        refuseIf(((String) jti).length() > AssertionReplayStore.MAX_JTI_LENGTH, RefusalReason.JTI_TOO_LONG);
        super.verify(claims, context);
    }

    @Override
    protected Date currentTime() {
        return Date.from(clock.instant());
    }

    private static void refuseIf(boolean refused, RefusalReason reason) throws ClaimRefusedException {
        if (refused) {
            throw new ClaimRefusedException(reason);
        }
    }
}
