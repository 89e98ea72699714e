package dev.authbridge.federation;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.authbridge.config.StoreConfig;
import dev.authbridge.config.TenantConfig;
import dev.authbridge.config.TrustedIssuerConfig;
import dev.authbridge.directory.Tenants;
import dev.authbridge.store.Database;
import dev.authbridge.testing.MutableClock;
import dev.authbridge.api.PublicUrl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests of trusted issuers share: a {@link TestIssuer} started per test, a clock moved by
 * hand, a real SQLite store for the replays, authbridge at {@value #AUTHBRIDGE} and two tenants.
 */
abstract class TrustedIssuerFixture {
    static final String AUTHBRIDGE = "https://sso.example.com";
    static final String ISSUER_URL = AUTHBRIDGE + "/auth/v3";
    static final String TOKEN_ENDPOINT = ISSUER_URL + "/oauth/token";
    static final TenantConfig DEMO = new TenantConfig(UUID.fromString("f91397f1-6bf6-4fcd-8623-4c4efd81e152"), "Demo",
            List.of("demo"), "ou=people,ou=demo,dc=example,dc=com", "ou=groups,ou=demo,dc=example,dc=com", List.of());
    static final TenantConfig ACME = new TenantConfig(UUID.fromString("695bf0a2-3dde-4819-9c37-8087ba432a16"), "ACME",
            List.of("acme"), "ou=people,ou=acme,dc=example,dc=com", "ou=groups,ou=acme,dc=example,dc=com", List.of());
    static final Tenants TENANTS = new Tenants(List.of(DEMO, ACME), null);

    @TempDir
    Path dir;

    protected final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    protected TestIssuer idp;
    protected Database db;

    @BeforeEach
    void startIssuerAndStore() {
        idp = TestIssuer.start();
        db = Database.open(storeFile());
    }

    @AfterEach
    void stopIssuerAndStore() {
        idp.close();
        db.close();
    }

    StoreConfig storeFile() {
        return new StoreConfig(dir.resolve("authbridge.db"), Duration.ofSeconds(5), Duration.ofMinutes(1));
    }

    TrustedIssuers issuers(TrustedIssuerConfig... configs) {
        return issuers(db, configs);
    }

    TrustedIssuers issuers(Database store, TrustedIssuerConfig... configs) {
        return new TrustedIssuers(List.of(configs), PublicUrl.of(AUTHBRIDGE), TENANTS, new SqlAssertionReplayStore(store),
                clock);
    }

    /** A good assertion's claims from the test issuer, for authbridge's token endpoint, issued now. */
    JWTClaimsSet.Builder claims() {
        return idp.claims(clock.instant(), TOKEN_ENDPOINT);
    }

    static AssertionRefusal refusal(AssertionResult result) {
        return assertInstanceOf(AssertionRefusal.class, result);
    }

    static RefusalReason reason(AssertionResult result) {
        return refusal(result).reason();
    }

    static VerifiedAssertion verified(AssertionResult result) {
        return assertInstanceOf(VerifiedAssertion.class, result, () -> "refused: " + result);
    }

    static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
