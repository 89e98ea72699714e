package dev.authbridge.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.authbridge.config.IssuerUserRule;
import dev.authbridge.store.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A trusted issuer's good tokens: what a verified assertion carries, the audiences that mean
 * authbridge, the claim rules (expiry and skew, lifetime cap, jti), the user and tenant claims, and
 * the replay refused.
 */
class TrustedIssuersTest extends TrustedIssuerFixture {

    private TrustedIssuers issuers() {
        return issuers(IssuerConfigBuilder.of(idp).build());
    }

    @Test
    void verifyWhenRsaSignedAssertionThenWhoWithWhichAttributeInWhichTenant() {
        JWTClaimsSet claims = claims().claim("act", Map.of("sub", "service-a")).build();

        VerifiedAssertion assertion = verified(issuers().verify(idp.sign(claims)));

        assertEquals(idp.issuer(), assertion.issuer());
        assertEquals("agent1", assertion.subject());
        assertEquals("sub", assertion.userClaim());
        assertEquals("agent1", assertion.userValue());
        assertEquals("uid", assertion.userAttribute());
        assertEquals(DEMO, assertion.tenant());
        assertEquals(claims.getJWTID(), assertion.jti());
        assertEquals(clock.instant(), assertion.issuedAt());
        assertEquals(clock.instant().plusSeconds(300), assertion.expiresAt());
        assertEquals(Map.of("sub", "service-a"), assertion.claims().get("act"));
        assertEquals(clock.instant().getEpochSecond(), ((Number) assertion.claims().get("iat")).longValue());
    }

    @Test
    void verifyWhenEcSignedAssertionThenVerified() {
        String token = TestIssuer.sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), idp.ec(),
                claims().build());

        verified(issuers().verify(token));
    }

    @Test
    void verifyWhenSameAssertionAgainThenReplayedWithItsJti() {
        TrustedIssuers issuers = issuers();
        JWTClaimsSet claims = claims().build();
        String token = idp.sign(claims);
        verified(issuers.verify(token));

        AssertionRefusal again = refusal(issuers.verify(token));

        assertEquals(RefusalReason.REPLAYED, again.reason());
        assertEquals(claims.getJWTID(), again.jti());
        assertEquals(idp.issuer(), again.issuer());
    }

    @Test
    void verifyWhenAudienceIsTheIssuerOrTheTokenEndpointOrAmongOthersThenVerified() {
        TrustedIssuers issuers = issuers();

        verified(issuers.verify(idp.sign(claims().audience(ISSUER_URL).build())));
        verified(issuers.verify(idp.sign(claims().audience(TOKEN_ENDPOINT).build())));
        verified(issuers.verify(idp.sign(claims().audience(List.of("https://other.example.com", ISSUER_URL)).build())));
    }

    @Test
    void verifyWhenAudienceMissingOrAnotherServerThenBadAudience() {
        TrustedIssuers issuers = issuers();

        assertEquals(RefusalReason.BAD_AUDIENCE, reason(issuers.verify(idp.sign(claims().audience((String) null).build()))));
        assertEquals(RefusalReason.BAD_AUDIENCE,
                reason(issuers.verify(idp.sign(claims().audience("https://other.example.com/oauth/token").build()))));
        assertEquals(RefusalReason.BAD_AUDIENCE, reason(issuers.verify(idp.sign(claims().audience(AUTHBRIDGE).build()))),
                "the bare origin is not the issuer");
    }

    @Test
    void verifyWhenAudienceConfiguredThenOnlyThatDesignatesAuthbridge() {
        TrustedIssuers issuers = issuers(IssuerConfigBuilder.of(idp).audience("api://authbridge").build());

        verified(issuers.verify(idp.sign(claims().audience("api://authbridge").build())));
        assertEquals(RefusalReason.BAD_AUDIENCE, reason(issuers.verify(idp.sign(claims().build()))));
    }

    static Stream<Arguments> times() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        return Stream.of(
                Arguments.of("expired beyond the skew", now.minusSeconds(400), now.minusSeconds(61), null, RefusalReason.EXPIRED),
                Arguments.of("expired within the skew", now.minusSeconds(400), now.minusSeconds(59), null, null),
                Arguments.of("not before, beyond the skew", now, now.plusSeconds(300), now.plusSeconds(61), RefusalReason.NOT_YET_VALID),
                Arguments.of("not before, within the skew", now, now.plusSeconds(300), now.plusSeconds(59), null),
                Arguments.of("issued in the future", now.plusSeconds(61), now.plusSeconds(300), null, RefusalReason.ISSUED_IN_FUTURE),
                Arguments.of("lifetime exactly the cap", now, now.plus(Duration.ofHours(1)), null, null),
                Arguments.of("lifetime a second beyond", now, now.plus(Duration.ofHours(1)).plusSeconds(1), null,
                        RefusalReason.LIFETIME_TOO_LONG),
                Arguments.of("no iat, living the cap and the skew", null, now.plus(Duration.ofHours(1)).plusSeconds(60), null, null),
                Arguments.of("no iat, living longer", null, now.plus(Duration.ofHours(1)).plusSeconds(61), null,
                        RefusalReason.LIFETIME_TOO_LONG),
                Arguments.of("no exp", now, null, null, RefusalReason.MISSING_EXP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("times")
    void verifyWhenTimesThenAsRfc7523Says(String what, Instant iat, Instant exp, Instant nbf, RefusalReason expected) {
        JWTClaimsSet claims = claims().issueTime(iat == null ? null : Date.from(iat))
                .expirationTime(exp == null ? null : Date.from(exp))
                .notBeforeTime(nbf == null ? null : Date.from(nbf))
                .build();

        AssertionResult result = issuers().verify(idp.sign(claims));

        if (expected == null) {
            verified(result);
        } else {
            assertEquals(expected, reason(result));
        }
    }

    @Test
    void verifyWhenRefusedAfterTheSignatureThenTheRefusalCarriesTheJti() {
        JWTClaimsSet expired = claims().expirationTime(Date.from(clock.instant().minusSeconds(3600))).build();

        AssertionRefusal refusal = refusal(issuers().verify(idp.sign(expired)));

        assertEquals(RefusalReason.EXPIRED, refusal.reason());
        assertEquals(expired.getJWTID(), refusal.jti());
    }

    @Test
    void verifyWhenJtiMissingNotAStringOrTooLongThenRefused() {
        TrustedIssuers issuers = issuers();

        assertEquals(RefusalReason.MISSING_JTI, reason(issuers.verify(idp.sign(claims().jwtID(null).build()))));
        assertEquals(RefusalReason.MISSING_JTI, reason(issuers.verify(idp.sign(claims().jwtID("").build()))));
        // jti is a registered claim: nimbus refuses a token whose jti is no string as it parses it.
        assertEquals(RefusalReason.MALFORMED, reason(issuers.verify(idp.sign(claims().claim("jti", 42).build()))));
        assertEquals(RefusalReason.JTI_TOO_LONG, reason(issuers.verify(idp.sign(claims().jwtID("j".repeat(257)).build()))));
        verified(issuers.verify(idp.sign(claims().jwtID("j".repeat(256)).build())));
    }

    @Test
    void verifyWhenJtiClaimIsUtiThenItIdentifiesTheToken() {
        TrustedIssuers issuers = issuers(IssuerConfigBuilder.of(idp).jtiClaim("uti").build());
        String token = idp.sign(claims().jwtID(null).claim("uti", "AbC-entra-uti").build());

        assertEquals("AbC-entra-uti", verified(issuers.verify(token)).jti());
        assertEquals(RefusalReason.REPLAYED, reason(issuers.verify(token)));
        assertEquals(RefusalReason.MISSING_JTI, reason(issuers.verify(idp.sign(claims().build()))), "jti is not uti");
        assertEquals(RefusalReason.MISSING_JTI, reason(issuers.verify(idp.sign(claims().claim("uti", 42).build()))));
    }

    @Test
    void verifyWhenUserClaimConfiguredThenItsValueWithTheAttribute() {
        TrustedIssuers issuers = issuers(IssuerConfigBuilder.of(idp).users("upn", "userPrincipalName", null).build());

        VerifiedAssertion assertion = verified(issuers.verify(idp.sign(claims().claim("upn", "agent1@example.com").build())));

        assertEquals("upn", assertion.userClaim());
        assertEquals("agent1@example.com", assertion.userValue());
        assertEquals("userPrincipalName", assertion.userAttribute());
        assertNull(assertion.tenant(), "outside every tenant");
    }

    static Stream<Arguments> badUserClaims() {
        return Stream.of(
                Arguments.of("absent", null),
                Arguments.of("a number", 42),
                Arguments.of("a list", List.of("agent1", "agent2")),
                Arguments.of("empty", ""),
                Arguments.of("blank", "   "),
                Arguments.of("with a line break", "agent1\nforged audit line"),
                Arguments.of("with NUL", "agent1\u0000"),
                Arguments.of("very long", "a".repeat(257)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUserClaims")
    void verifyWhenUserClaimIsNoNameThenBadUserClaim(String what, Object value) {
        TrustedIssuers issuers = issuers(IssuerConfigBuilder.of(idp).users("upn", "userPrincipalName", null).build());

        assertEquals(RefusalReason.BAD_USER_CLAIM, reason(issuers.verify(idp.sign(claims().claim("upn", value).build()))));
    }

    @Test
    void verifyWhenTenantClaimThenTheTenantOfItsValueWithItsRule() {
        TrustedIssuers issuers = issuers(IssuerConfigBuilder.of(idp).tenantClaim("tid", Map.of(
                "tid-demo", new IssuerUserRule("sub", "uid", "demo"),
                "tid-acme", new IssuerUserRule("email", "mail", "acme"))).build());

        VerifiedAssertion demo = verified(issuers.verify(idp.sign(claims().claim("tid", "tid-demo").build())));
        VerifiedAssertion acme = verified(issuers.verify(idp.sign(claims().claim("tid", "tid-acme")
                .claim("email", "agent1@acme.example.com").build())));

        assertEquals(DEMO, demo.tenant());
        assertEquals("agent1", demo.userValue());
        assertEquals(ACME, acme.tenant());
        assertEquals("mail", acme.userAttribute());
        assertEquals("agent1@acme.example.com", acme.userValue());
    }

    @Test
    void verifyWhenTenantClaimValueUnknownOrAbsentThenUnknownTenant() {
        TrustedIssuers issuers = issuers(IssuerConfigBuilder.of(idp).tenantClaim("tid",
                Map.of("tid-demo", new IssuerUserRule("sub", "uid", "demo"))).build());

        assertEquals(RefusalReason.UNKNOWN_TENANT, reason(issuers.verify(idp.sign(claims().claim("tid", "tid-x").build()))));
        assertEquals(RefusalReason.UNKNOWN_TENANT, reason(issuers.verify(idp.sign(claims().build()))));
        assertEquals(RefusalReason.UNKNOWN_TENANT, reason(issuers.verify(idp.sign(claims().claim("tid", 7).build()))));
    }

    @Test
    void verifyWhenRefusedForTheUserThenTheJtiIsNotSpent() {
        TrustedIssuers issuers = issuers(IssuerConfigBuilder.of(idp).users("upn", "userPrincipalName", null).build());
        JWTClaimsSet noUpn = claims().build();

        assertEquals(RefusalReason.BAD_USER_CLAIM, reason(issuers.verify(idp.sign(noUpn))));
        assertEquals("x@example.com", verified(issuers.verify(idp.sign(new JWTClaimsSet.Builder(noUpn)
                .claim("upn", "x@example.com").build()))).userValue());
    }

    @Test
    void verifyWhenTheStoreCannotRecordTheUseThenStoreUnavailableNotARefusal() {
        TrustedIssuers issuers = issuers();
        String token = idp.sign(claims().build());
        db.close();

        assertThrows(StoreUnavailableException.class, () -> issuers.verify(token));
    }
}
