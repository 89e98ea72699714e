package dev.authbridge.federation;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import dev.authbridge.config.IssuerKeysConfig;
import dev.authbridge.config.IssuerUserRule;
import dev.authbridge.config.TrustedIssuerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link TrustedIssuerConfig} built by type for tests, with the loader's defaults but for the
 * algorithms (RS256 and ES256, the test issuer's keys), users in the {@code demo} tenant, and
 * fetch bounds short enough for tests.
 */
public final class IssuerConfigBuilder {
    private final String issuer;
    private IssuerKeysConfig keys;
    private Set<JWSAlgorithm> algorithms = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    private List<String> audience = List.of();
    private Duration clockSkew = Duration.ofSeconds(60);
    private Duration maxLifetime = Duration.ofHours(1);
    private String jtiClaim = "jti";
    private IssuerUserRule users = new IssuerUserRule("sub", "uid", "demo");
    private String tenantClaim;
    private Map<String, IssuerUserRule> tenants = Map.of();

    private IssuerConfigBuilder(String issuer, IssuerKeysConfig keys) {
        this.issuer = issuer;
        this.keys = keys;
    }

    /** The test issuer with its JWK set URL: 1 s to connect, 1 s to answer, 64 KiB, one fetch per 30 s. */
    public static IssuerConfigBuilder of(TestIssuer idp) {
        return new IssuerConfigBuilder(idp.issuer(), remote(idp.jwksUrl(), Duration.ofSeconds(1)));
    }

    static IssuerKeysConfig.Remote remote(URI url, Duration readTimeout) {
        return new IssuerKeysConfig.Remote(url, Duration.ofSeconds(1), readTimeout, 64 * 1024, Duration.ofSeconds(30));
    }

    IssuerConfigBuilder keys(IssuerKeysConfig value) {
        this.keys = value;
        return this;
    }

    IssuerConfigBuilder fixedKeys(JWKSet value) {
        return keys(new IssuerKeysConfig.Fixed(value));
    }

    IssuerConfigBuilder algorithms(JWSAlgorithm... value) {
        this.algorithms = Set.of(value);
        return this;
    }

    public IssuerConfigBuilder audience(String... value) {
        this.audience = List.of(value);
        return this;
    }

    IssuerConfigBuilder jtiClaim(String value) {
        this.jtiClaim = value;
        return this;
    }

    public IssuerConfigBuilder users(String claim, String attribute, String tenant) {
        this.users = new IssuerUserRule(claim, attribute, tenant);
        return this;
    }

    IssuerConfigBuilder tenantClaim(String claim, Map<String, IssuerUserRule> rules) {
        this.tenantClaim = claim;
        this.tenants = rules;
        return this;
    }

    public TrustedIssuerConfig build() {
        return new TrustedIssuerConfig(issuer, keys, algorithms, audience, clockSkew, maxLifetime, jtiClaim, users,
                tenantClaim, tenants);
    }
}
