package dev.authbridge.federation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.authbridge.config.IssuerUserRule;
import dev.authbridge.config.TenantConfig;
import dev.authbridge.config.TrustedIssuerConfig;
import dev.authbridge.directory.LoginName;
import dev.authbridge.directory.Tenants;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured trusted issuer at run time: verifies a token that names it as {@code iss} with
 * nimbus's {@link DefaultJWTProcessor} (this issuer's keys and algorithms only, then {@link
 * AssertionClaimsVerifier}), finds the user claim and the tenant, and records the first use of the
 * {@code jti}. Every failure of the token is a refusal with its reason; only keys that cannot be
 * had at all are an exception ({@link IssuerUnavailableException}).
 */
final class TrustedIssuer {
    private static final Logger log = LoggerFactory.getLogger(TrustedIssuer.class);

    private final TrustedIssuerConfig config;
    private final JWSVerificationKeySelector<SecurityContext> keySelector;
    private final Supplier<Set<String>> audience;
    private final UserRule fixedRule;
    private final Map<String, UserRule> rulesByTenantClaim = new HashMap<>();
    private final AssertionReplayStore replays;
    private final Clock clock;

    /** An {@link IssuerUserRule} with its tenant resolved. */
    private record UserRule(String claim, String attribute, TenantConfig tenant) {
        static UserRule of(IssuerUserRule rule, Tenants tenants) {
            TenantConfig tenant = rule.tenant() == null ? null : tenants.byDomain(rule.tenant()).orElseThrow(
                    () -> new IllegalArgumentException("no tenant has the domain " + rule.tenant()));
            return new UserRule(rule.userClaim(), rule.userAttribute(), tenant);
        }
    }

    /** @param authbridgeAudience what {@code aud} means authbridge when the issuer configures none */
    TrustedIssuer(TrustedIssuerConfig config, JWKSource<SecurityContext> keys, Supplier<Set<String>> authbridgeAudience,
            Tenants tenants, AssertionReplayStore replays, Clock clock) {
        this.config = config;
        this.keySelector = new JWSVerificationKeySelector<>(config.algorithms(), keys);
        this.audience = config.audience().isEmpty() ? authbridgeAudience : () -> new LinkedHashSet<>(config.audience());
        this.fixedRule = UserRule.of(config.users(), tenants);
        config.tenants().forEach((value, rule) -> rulesByTenantClaim.put(value, UserRule.of(rule, tenants)));
        this.replays = replays;
        this.clock = clock;
    }

    AssertionResult verify(SignedJWT jwt) {
        if (!config.algorithms().contains(jwt.getHeader().getAlgorithm())) {
            return refusal(RefusalReason.ALGORITHM_NOT_ALLOWED, null);
        }
        JWTClaimsSet claims;
        try {
            claims = processor().process(jwt, null);
        } catch (ClaimRefusedException e) {
            return refusal(e.reason(), signedJti(jwt));
        } catch (UnknownKeyException e) {
            return refusal(RefusalReason.UNKNOWN_KEY, null);
        } catch (KeysUnavailableException e) {
            throw new IssuerUnavailableException(config.issuer(), e.getMessage());
        } catch (BadJWSException e) {
            return refusal(RefusalReason.BAD_SIGNATURE, null);
        } catch (BadJWTException e) {
            // Claims nimbus refused after ours let them through.
            return refusal(RefusalReason.INVALID_CLAIMS, signedJti(jwt));
        } catch (BadJOSEException | JOSEException | RuntimeException e) {
            // The header checks before leave nothing expected here; a hostile token still gets an answer.
            log.info("trusted issuer {}: token refused by the JWT processor ({})", config.issuer(),
                    e.getClass().getSimpleName());
            return refusal(RefusalReason.INVALID_TOKEN, null);
        }
        String jti = (String) claims.getClaim(config.jtiClaim());
        UserRule rule = config.tenantClaim() == null ? fixedRule
                : claims.getClaim(config.tenantClaim()) instanceof String value ? rulesByTenantClaim.get(value) : null;
        if (rule == null) {
            return refusal(RefusalReason.UNKNOWN_TENANT, jti);
        }
        String user = userName(claims.getClaim(rule.claim()));
        if (user == null) {
            return refusal(RefusalReason.BAD_USER_CLAIM, jti);
        }
        Instant expiresAt = claims.getExpirationTime().toInstant();
        // Remembered as long as a verifier with this skew could take it for valid.
        if (!replays.firstUse(config.issuer(), jti, expiresAt.plus(config.clockSkew()))) {
            return refusal(RefusalReason.REPLAYED, jti);
        }
        return new VerifiedAssertion(config.issuer(), claims.getSubject(), rule.claim(), user, rule.attribute(),
                rule.tenant(), jti, claims.getIssueTime() == null ? null : claims.getIssueTime().toInstant(),
                expiresAt, claims.toJSONObject());
    }

    private DefaultJWTProcessor<SecurityContext> processor() {
        // Built per token: the audience may be authbridge's own URL, known once its listener is bound.
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(keySelector);
        processor.setJWTClaimsSetVerifier(new AssertionClaimsVerifier(config.issuer(), audience.get(),
                config.jtiClaim(), config.clockSkew(), config.maxLifetime(), clock));
        return processor;
    }

    /** A user claim's value, when it can be a name: a non-empty string, bounded, no control character. */
    private static String userName(Object value) {
        if (!(value instanceof String name) || name.isBlank() || name.length() > LoginName.MAX_LENGTH
                || name.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return name;
    }

    /** The jti of a token whose signature nimbus verified (its claims are the issuer's), if usable. */
    private String signedJti(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet().getClaim(config.jtiClaim()) instanceof String jti
                    && !jti.isEmpty() && jti.length() <= AssertionReplayStore.MAX_JTI_LENGTH ? jti : null;
        } catch (ParseException e) {
            return null;
        }
    }

    private AssertionRefusal refusal(RefusalReason reason, String jti) {
        return new AssertionRefusal(reason, config.issuer(), config.issuer(), jti);
    }
}
