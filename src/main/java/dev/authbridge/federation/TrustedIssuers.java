package dev.authbridge.federation;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.authbridge.config.IssuerKeysConfig;
import dev.authbridge.config.TrustedIssuerConfig;
import dev.authbridge.directory.Tenants;
import dev.authbridge.api.PublicUrl;
import java.text.ParseException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The configured trusted issuers, and the one way in: {@link #verify} a JWT that claims to come
 * from one of them. Safe for concurrent use.
 *
 * <p>The order of the checks: the size; the form (a JWS in compact serialization: not unsigned,
 * not encrypted, no {@code crit}, {@code typ} absent or {@code JWT}, never an HMAC algorithm);
 * the unverified {@code iss}, only to pick the issuer's configuration; then that issuer's
 * verification ({@link TrustedIssuer}: its algorithms, its keys, its claim rules, the {@code jti}
 * remembered). A key in the token's own header ({@code jwk}, {@code jku}, {@code x5u}, {@code
 * x5c}) is never used: keys come from the configuration only.
 */
public final class TrustedIssuers {
    /** Longest token read (compact form); ID tokens are 1–4 KiB. */
    public static final int MAX_LENGTH = 16 * 1024;
    /** How much of an unknown {@code iss} a refusal repeats. */
    private static final int MAX_CLAIMED_ISSUER = 200;

    private final Map<String, TrustedIssuer> byIssuer = new LinkedHashMap<>();
    private final AssertionReplayStore replays;
    private final Clock clock;

    /**
     * @param publicUrl authbridge's own URL: its issuer and token endpoint URL are the default
     *     audience (read per token, as it is known only once the listener is bound)
     */
    public TrustedIssuers(List<TrustedIssuerConfig> issuers, PublicUrl publicUrl, Tenants tenants,
            AssertionReplayStore replays, Clock clock) {
        this.replays = replays;
        this.clock = clock;
        Supplier<Set<String>> authbridge = () -> new LinkedHashSet<>(List.of(publicUrl.api(), publicUrl.api() + "/oauth/token"));
        for (TrustedIssuerConfig issuer : issuers) {
            byIssuer.put(issuer.issuer(), new TrustedIssuer(issuer, keys(issuer, clock), authbridge, tenants, replays, clock));
        }
    }

    /** Whether any issuer is configured (no grant of theirs makes sense otherwise). */
    public boolean isEmpty() {
        return byIssuer.isEmpty();
    }

    /**
     * Verifies {@code token} and, when it is good, records its first use: a second call with the
     * same token, here or on another instance on the same store, is {@link RefusalReason#REPLAYED}.
     *
     * @throws IssuerUnavailableException when the issuer's keys cannot be had at all
     * @throws dev.authbridge.store.StoreUnavailableException when the use cannot be recorded
     */
    public AssertionResult verify(String token) {
        if (token == null || token.isEmpty()) {
            return refusal(RefusalReason.MALFORMED, null);
        }
        if (token.length() > MAX_LENGTH) {
            return refusal(RefusalReason.TOO_LARGE, null);
        }
        JWT jwt;
        JWTClaimsSet unverified;
        try {
            jwt = JWTParser.parse(token);
            if (jwt instanceof PlainJWT) {
                return refusal(RefusalReason.UNSIGNED, null);
            }
            if (jwt instanceof EncryptedJWT) {
                return refusal(RefusalReason.ENCRYPTED, null);
            }
            unverified = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            return refusal(RefusalReason.MALFORMED, null);
        }
        SignedJWT jws = (SignedJWT) jwt;
        RefusalReason form = form(jws.getHeader());
        if (form != null) {
            return refusal(form, unverified.getIssuer());
        }
        TrustedIssuer issuer = unverified.getIssuer() == null ? null : byIssuer.get(unverified.getIssuer());
        if (issuer == null) {
            return refusal(RefusalReason.UNKNOWN_ISSUER, unverified.getIssuer());
        }
        return issuer.verify(jws);
    }

    /**
     * Makes a verified token usable again after its use failed for a reason that is not the
     * token's (an outage), so that the caller's retry is not refused as a replay.
     */
    public void release(VerifiedAssertion assertion) {
        replays.forget(assertion.issuer(), assertion.jti());
    }

    /** Deletes the remembered uses of tokens that have expired; returns how many (for the store's purger). */
    public int purgeExpired() {
        return replays.purgeExpired(clock.instant());
    }

    /** What no trusted issuer's token may be, whoever it claims to come from; null when the header is fine. */
    private static RefusalReason form(JWSHeader header) {
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            // RFC 7515 §4.1.11: a recipient must refuse what it does not understand; we understand none.
            return RefusalReason.CRITICAL_HEADER;
        }
        if (header.getType() != null && !JOSEObjectType.JWT.equals(header.getType())) {
            // Other types (at+jwt, logout+jwt …) are tokens of another kind from the same issuer.
            return RefusalReason.BAD_TYPE;
        }
        if (JWSAlgorithm.Family.HMAC_SHA.contains(header.getAlgorithm())) {
            // The confusion attack: the issuer's public key used as the HMAC secret.
            return RefusalReason.ALGORITHM_NOT_ALLOWED;
        }
        return null;
    }

    private static JWKSource<SecurityContext> keys(TrustedIssuerConfig issuer, Clock clock) {
        if (issuer.keys() instanceof IssuerKeysConfig.Remote remote) {
            return new RemoteJwks(issuer.issuer(), remote, clock);
        }
        return new FixedJwks(((IssuerKeysConfig.Fixed) issuer.keys()).keys());
    }

    private AssertionRefusal refusal(RefusalReason reason, String claimedIssuer) {
        String configured = claimedIssuer != null && byIssuer.containsKey(claimedIssuer) ? claimedIssuer : null;
        return new AssertionRefusal(reason, configured, shortened(claimedIssuer), null);
    }

    private static String shortened(String text) {
        if (text == null) {
            return null;
        }
        String cut = text.length() > MAX_CLAIMED_ISSUER ? text.substring(0, MAX_CLAIMED_ISSUER) + "…" : text;
        StringBuilder clean = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return clean.toString();
    }
}
