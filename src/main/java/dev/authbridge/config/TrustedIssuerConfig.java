package dev.authbridge.config;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An identity provider whose signed JWTs authbridge accepts as proof of a user (RFC 7523
 * assertions, RFC 8693 subject tokens): AD FS, Entra ID, Okta, Keycloak or any OpenID provider.
 *
 * @param issuer the exact {@code iss} its tokens carry (compared as strings, RFC 7519 §4.1.1)
 * @param keys where its public keys come from
 * @param algorithms the JWS algorithms accepted, asymmetric only (never HMAC or {@code none})
 * @param audience the {@code aud} values that designate authbridge; empty: authbridge's issuer or
 *     its token endpoint URL (RFC 7523 §3 allows either)
 * @param clockSkew how far the clocks of the issuer and authbridge may differ, in whole seconds
 * @param maxLifetime the longest {@code exp − iat} accepted (from now when there is no {@code iat})
 * @param jtiClaim the claim that identifies one token, remembered until it expires ({@code jti};
 *     Entra ID puts it in {@code uti})
 * @param users which claim names the user and how the directory finds them, when
 *     {@code tenantClaim} is null
 * @param tenantClaim a claim whose value says which contact center the user belongs to, or null
 * @param tenants with {@code tenantClaim}: its values → how their users are found
 */
public record TrustedIssuerConfig(
        String issuer,
        IssuerKeysConfig keys,
        Set<JWSAlgorithm> algorithms,
        List<String> audience,
        Duration clockSkew,
        Duration maxLifetime,
        String jtiClaim,
        IssuerUserRule users,
        String tenantClaim,
        Map<String, IssuerUserRule> tenants) {

    /** The assertion grant (RFC 7523 §2.1) that signs users in with these issuers' JWTs. */
    public static final String ASSERTION_GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    public TrustedIssuerConfig {
        algorithms = Set.copyOf(algorithms);
        audience = List.copyOf(audience);
        tenants = Map.copyOf(tenants);
    }
}
