package dev.authbridge.oauth;

import static dev.authbridge.testing.HttpTestClient.basic;
import static dev.authbridge.testing.HttpTestClient.fields;
import static dev.authbridge.testing.HttpTestClient.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.authbridge.config.TokenExchangeConfig;
import dev.authbridge.config.TrustedIssuerConfig;
import dev.authbridge.federation.IssuerConfigBuilder;
import dev.authbridge.federation.RefusalReason;
import dev.authbridge.federation.TestIssuer;
import dev.authbridge.testing.AuditLines;
import dev.authbridge.testing.ClosedPort;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.PolicySlapd;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestClient;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The assertion grant (RFC 7523 §2.1) and token exchange with a trusted issuer's JWT, end to end:
 * a {@link TestIssuer} signs with nimbus and serves its JWK set over HTTP; authbridge trusts it
 * (users by {@code sub} = {@code uid} in the demo tenant) on an OpenLDAP with password policies
 * ({@link PolicySlapd}, the demo directory), so that account states are real. {@code sso-app} is
 * registered for the grant, the shipped {@code demo-client} is not.
 */
class JwtBearerGrantHttpTest {
    private static final String GRANT = TrustedIssuerConfig.ASSERTION_GRANT_TYPE;
    private static final String TOKEN = "/auth/v3/oauth/token";
    private static final String FORM = "application/x-www-form-urlencoded";

    @TempDir
    static Path dir;

    private static TestIssuer idp;
    private static PolicySlapd slapd;
    private static RunningApp app;
    /** What the assertions' {@code aud} names: authbridge's token endpoint, as discovery publishes it. */
    private static String audience;

    @BeforeAll
    static void start() {
        idp = TestIssuer.start();
        slapd = PolicySlapd.start();
        app = RunningApp.start(TestConfig.shipped(dir)
                .externalDirectory(slapd.url(), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withTrustedIssuers(IssuerConfigBuilder.of(idp).build())
                .addClients(
                        TestClient.confidential("sso-app", "sso-secret").grants(GRANT, "refresh_token").build(),
                        TestClient.confidential("gateway", "gateway-secret")
                                .grants(TokenExchangeConfig.GRANT_TYPE).build()));
        audience = app.http.get("/auth/v3/.well-known/openid-configuration").json().get("token_endpoint").asText();
    }

    @AfterAll
    static void stop() {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            try {
                if (slapd != null) {
                    slapd.close();
                }
            } finally {
                if (idp != null) {
                    idp.close();
                }
            }
        }
    }

    /** A good assertion's claims: issued now for authbridge, 5 minutes, a fresh jti, naming {@code uid}. */
    private static JWTClaimsSet.Builder claims(String uid) {
        return idp.claims(app.clock.instant(), audience).subject(uid);
    }

    private static String assertion(String uid) {
        return idp.sign(claims(uid).build());
    }

    private static Response grant(String client, String secret, String assertion) {
        List<String> kv = new ArrayList<>(List.of("grant_type", GRANT));
        if (assertion != null) {
            kv.addAll(List.of("assertion", assertion));
        }
        return app.http.post(TOKEN, form(fields(kv.toArray(String[]::new))), "Content-Type", FORM,
                "Authorization", basic(client, secret));
    }

    private static Response grant(String assertion) {
        return grant("sso-app", "sso-secret", assertion);
    }

    private static void assertError(Response r, String error) {
        assertEquals(400, r.status(), r.body());
        assertEquals(error, r.json().get("error").asText(), r.body());
        String description = r.json().get("error_description").asText();
        assertTrue(description.chars().allMatch(c -> c >= 0x20 && c <= 0x7e && c != '"' && c != '\\'),
                "RFC 6749 section 5.2: error_description is printable ASCII without quote or backslash: " + description);
    }

    private static String description(Response r) {
        return r.json().get("error_description").asText();
    }

    private static JsonNode userinfo(String accessToken) {
        Response r = app.http.getWithBearer("/auth/v3/userinfo", accessToken);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    @Test
    void assertionWhenSignedByTrustedIssuerThenTokensAsForAPasswordWithRolesFromTheDirectory() {
        Response r = grant(assertion("supervisor1"));

        assertEquals(200, r.status(), r.body());
        assertEquals("no-store", r.header("Cache-Control"));
        JsonNode body = r.json();
        assertTrue(body.get("token_type").asText().equalsIgnoreCase("bearer"));
        assertTrue(body.get("expires_in").asLong() > 0);
        assertEquals("*", body.get("scope").asText());
        assertTrue(body.hasNonNull("refresh_token"), "the client is registered for refreshes");
        JsonNode me = userinfo(body.get("access_token").asText());
        JsonNode byPassword = userinfo(app.http.signIn("demo\\supervisor1", "supervisor1-Secret!")
                .get("access_token").asText());
        assertEquals("supervisor1", me.get("loginName").asText());
        assertEquals(byPassword.get("authorities"), me.get("authorities"));
        assertEquals(byPassword.get("username"), me.get("username"));
        List<String> roles = new ArrayList<>();
        me.get("authorities").forEach(role -> roles.add(role.get("name").asText()));
        assertEquals(List.of("ROLE_AGENTS", "ROLE_SUPERVISORS"), roles);

        Response refreshed = app.http.post(TOKEN, form(fields("grant_type", "refresh_token", "refresh_token",
                body.get("refresh_token").asText())), "Content-Type", FORM, "Authorization", basic("sso-app", "sso-secret"));
        assertEquals(200, refreshed.status(), refreshed.body());
    }

    @Test
    void discoveryWhenServingThenTheAssertionGrantIsListed() {
        JsonNode grants = app.http.get("/auth/v3/.well-known/openid-configuration").json().get("grant_types_supported");
        List<String> listed = new ArrayList<>();
        grants.forEach(g -> listed.add(g.asText()));
        assertTrue(listed.contains(GRANT), listed.toString());
    }

    @Test
    void assertionWhenUsedTwiceThenInvalidGrant() {
        String once = assertion("agent1");
        assertEquals(200, grant(once).status());

        Response replayed = grant(once);

        assertError(replayed, "invalid_grant");
        assertEquals("The assertion was used before.", description(replayed));
    }

    /** Tokens no trusted issuer made for authbridge, each refused as invalid_grant, never a 500. */
    enum Hostile {
        ALG_NONE(RefusalReason.UNSIGNED, c -> new PlainJWT(c.build()).serialize()),
        HMAC_WITH_THE_PUBLIC_KEY(RefusalReason.ALGORITHM_NOT_ALLOWED, c -> hmac(c.build())),
        UNKNOWN_ISSUER(RefusalReason.UNKNOWN_ISSUER, c -> idp.sign(c.issuer("https://idp.evil.example").build())),
        UNKNOWN_KID(RefusalReason.UNKNOWN_KEY, c -> TestIssuer.sign(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-unknown").build(), StrangerKey.RSA, c.build())),
        SIGNED_BY_ANOTHER_KEY_WITH_THE_ISSUERS_KID(RefusalReason.BAD_SIGNATURE, c -> TestIssuer.sign(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(idp.rsa().getKeyID()).build(), StrangerKey.RSA, c.build())),
        EXPIRED(RefusalReason.EXPIRED, c -> idp.sign(c.issueTime(Date.from(now().minusSeconds(900)))
                .expirationTime(Date.from(now().minusSeconds(300))).build())),
        WRONG_AUDIENCE(RefusalReason.BAD_AUDIENCE, c -> idp.sign(c.audience("https://other.example/oauth/token").build())),
        NO_JTI(RefusalReason.MISSING_JTI, c -> idp.sign(c.jwtID(null).build())),
        NOT_A_JWT(RefusalReason.MALFORMED, c -> "not.a.jwt"),
        DEEPLY_NESTED_CLAIMS(RefusalReason.MALFORMED, c -> b64("{\"alg\":\"RS256\"}") + "."
                + b64("{\"a\":" + "[".repeat(11000) + "]".repeat(0)) + ".c2ln"),
        DEEPLY_NESTED_HEADER(RefusalReason.MALFORMED, c -> b64("{\"alg\":\"RS256\",\"x\":" + "[".repeat(11000)) + "."
                + b64("{}") + ".c2ln"),
        UNKNOWN_USER(null, c -> idp.sign(c.subject("nobody").build())),
        FILTER_SYNTAX_AS_USER(null, c -> idp.sign(c.subject("*)(uid=*").build())),
        AUD_AN_OBJECT(RefusalReason.BAD_AUDIENCE, c -> idp.sign(c.claim("aud", java.util.Map.of("x", "y")).build())),
        EXP_A_STRING(RefusalReason.MALFORMED, c -> idp.sign(c.claim("exp", "tomorrow").build())),
        IAT_A_STRING(RefusalReason.MALFORMED, c -> idp.sign(c.claim("iat", "yesterday").build())),
        NBF_AN_OBJECT(RefusalReason.MALFORMED, c -> idp.sign(c.claim("nbf", java.util.Map.of()).build())),
        JTI_A_NUMBER(RefusalReason.MALFORMED, c -> idp.sign(c.claim("jti", 42).build())),
        SUB_AN_ARRAY(RefusalReason.MALFORMED, c -> idp.sign(c.claim("sub", java.util.List.of("agent2")).build())),
        ISS_AN_ARRAY(RefusalReason.MALFORMED, c -> idp.sign(c.claim("iss", java.util.List.of("x")).build())),
        SUB_WITH_NUL(RefusalReason.BAD_USER_CLAIM, c -> idp.sign(c.subject("agent2\u0000").build())),
        SUB_WITH_CRLF(RefusalReason.BAD_USER_CLAIM, c -> idp.sign(c.subject("agent2\r\nx").build())),
        SUB_QUALIFIED_AS_TYPED(null, c -> idp.sign(c.subject("demo\\agent2").build())),
        KID_INJECTION(RefusalReason.UNKNOWN_KEY, c -> TestIssuer.sign(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("../../../etc/passwd' OR 1=1 --").build(), StrangerKey.RSA, c.build())),
        JKU_TO_ANOTHER_KEY_SET(RefusalReason.UNKNOWN_KEY, c -> TestIssuer.sign(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-stranger").jwkURL(java.net.URI.create("http://127.0.0.1:1/jwks")).build(), StrangerKey.RSA, c.build())),
        OWN_JWK_IN_THE_HEADER_UNDER_THE_ISSUERS_KID(RefusalReason.BAD_SIGNATURE, c -> TestIssuer.sign(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(idp.rsa().getKeyID()).jwk(StrangerKey.RSA.toPublicJWK()).build(), StrangerKey.RSA, c.build()));

        /** What the refusal says: the check that failed, or (null) that no user has the name. */
        final String description;
        final Function<JWTClaimsSet.Builder, String> token;

        Hostile(RefusalReason reason, Function<JWTClaimsSet.Builder, String> token) {
            this.description = reason == null ? AssertionSignIn.UNKNOWN_USER : reason.description();
            this.token = token;
        }
    }

    private static final class StrangerKey {
        static final com.nimbusds.jose.jwk.RSAKey RSA = TestIssuer.rsaKey("rsa-stranger");
    }

    private static String b64(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Instant now() {
        return app.clock.instant();
    }

    /** HS256 keyed with the issuer's public RSA key: the algorithm-confusion attack. */
    private static String hmac(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(idp.rsa().getKeyID()).build(),
                    claims);
            jwt.sign(new MACSigner(idp.rsa().toPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Hostile.class)
    void assertionWhenHostileThenInvalidGrant(Hostile hostile) {
        Response r = grant(hostile.token.apply(claims("agent2")));

        assertError(r, "invalid_grant");
        assertEquals(hostile.description, description(r));
    }

    @Test
    void assertionWhenAbsentOrEmptyThenInvalidRequest() {
        assertError(grant(null), "invalid_request");
        assertError(grant(""), "invalid_request");
    }

    @Test
    void assertionWhenClientNotRegisteredForTheGrantThenUnauthorizedClient() {
        Response r = grant("demo-client", "demo-secret", assertion("agent3"));

        assertError(r, "unauthorized_client");
    }

    @Test
    void assertionWhenClientSecretWrongThenInvalidClient() {
        Response r = grant("sso-app", "wrong-secret", assertion("agent3"));

        assertEquals(401, r.status(), r.body());
        assertEquals("invalid_client", r.json().get("error").asText());
    }

    /** The issuer proved the user: the state is told as it is after a right password. */
    @Test
    void assertionWhenPasswordResetByAdministratorThenTheStateAsForThePasswordGrant() throws Exception {
        String password = "Reset-" + UUID.randomUUID();
        slapd.createUser("sso-reset", "Initial-" + UUID.randomUUID());
        slapd.adminReset("uid=sso-reset,ou=people,ou=demo,dc=example,dc=com", password);

        Response byPassword = app.http.token("grant_type", "password", "username", "demo\\sso-reset", "password", password);
        Response byAssertion = grant(assertion("sso-reset"));

        assertError(byPassword, "invalid_grant");
        assertError(byAssertion, "invalid_grant");
        assertEquals(description(byPassword), description(byAssertion));
        assertTrue(description(byAssertion).contains("must be changed"), byAssertion.body());
    }

    /** Locked (or disabled by an administrator: the same attribute on OpenLDAP): refused, no lockout of ours. */
    @Test
    void assertionWhenAccountLockedThenInvalidGrantSayingSo() throws Exception {
        String dn = slapd.createUser("sso-locked", "Initial-" + UUID.randomUUID());
        slapd.lock(dn);

        Response r = grant(assertion("sso-locked"));

        assertError(r, "invalid_grant");
        assertEquals("The account is locked.", description(r));
    }

    @Test
    void exchangeWhenSubjectTokenIsATrustedIssuersJwtThenATokenForItsUserNotOutlivingIt() {
        for (String type : List.of(TokenTypes.JWT, TokenTypes.ID_TOKEN)) {
            String jwt = assertion("agent4");
            Response r = exchange(jwt, type);

            assertEquals(200, r.status(), r.body());
            JsonNode body = r.json();
            assertEquals(TokenTypes.ACCESS_TOKEN, body.get("issued_token_type").asText());
            assertTrue(body.get("expires_in").asLong() <= 300, "never past the subject token's exp");
            assertFalse(body.has("refresh_token"));
            assertEquals("agent4", userinfo(body.get("access_token").asText()).get("loginName").asText());

            Response replayed = exchange(jwt, type);
            assertError(replayed, "invalid_request");
            assertTrue(description(replayed).contains("used before"), replayed.body());
        }
    }

    @Test
    void exchangeWhenSubjectJwtUntrustedThenInvalidRequest() {
        assertError(exchange(idp.sign(claims("agent4").issuer("https://idp.evil.example").build()), TokenTypes.JWT),
                "invalid_request");
        assertError(exchange("garbage", TokenTypes.ID_TOKEN), "invalid_request");
    }

    private static Response exchange(String subjectToken, String type) {
        return app.http.post(TOKEN, form(fields("grant_type", TokenExchangeConfig.GRANT_TYPE, "subject_token",
                subjectToken, "subject_token_type", type)), "Content-Type", FORM,
                "Authorization", basic("gateway", "gateway-secret"));
    }

    /**
     * Neither is a refusal of the token: the token may be good. 503 in the envelope, never
     * invalid_grant, and the token stays usable.
     */
    @Test
    void assertionWhenDirectoryOrIssuerKeysOutOfReachThen503() throws Exception {
        try (ClosedPort nowhere = ClosedPort.reserve(); TestIssuer down = TestIssuer.startWithOwnKeys();
                RunningApp outage = RunningApp.start(TestConfig.shipped(Files.createDirectories(dir.resolve("outage")))
                        .externalDirectory(nowhere.ldapUrl(), Duration.ofSeconds(1), Duration.ofSeconds(1))
                        .withTrustedIssuers(IssuerConfigBuilder.of(idp).build(), IssuerConfigBuilder.of(down).build())
                        .addClients(TestClient.confidential("sso-app", "sso-secret").grants(GRANT).build()))) {
            down.failWith(503);
            String aud = outage.http.get("/auth/v3/.well-known/openid-configuration").json().get("token_endpoint").asText();

            String atDirectoryOutage = idp.sign(idp.claims(outage.clock.instant(), aud).build());
            // Sent twice: an outage does not spend the assertion, so its retry is not a replay.
            for (String token : List.of(atDirectoryOutage, atDirectoryOutage,
                    down.sign(down.claims(outage.clock.instant(), aud).build()))) {
                Response r = outage.http.post(TOKEN, form(fields("grant_type", GRANT, "assertion", token)),
                        "Content-Type", FORM, "Authorization", basic("sso-app", "sso-secret"));
                assertEquals(503, r.status(), r.body());
                assertEquals("Service unavailable", r.json().get("status").get("message").asText(), r.body());
            }
        }
    }

    @Test
    void assertionWhenUsedOrRefusedThenAuditedWithIssuerAndJtiNeverTheToken() throws Exception {
        JWTClaimsSet claims = claims("agent5").build();
        String good = idp.sign(claims);
        assertEquals(200, grant(good).status());
        grant(good);

        Path audit = dir.resolve("audit.log");
        List<JsonNode> signIns = AuditLines.of(audit, "sign_in").stream()
                .filter(n -> claims.getJWTID().equals(n.path("jti").asText())).toList();
        assertEquals(2, signIns.size(), signIns.toString());
        JsonNode success = signIns.get(0);
        assertEquals("jwt_bearer", success.path("channel").asText(), success.toString());
        assertEquals(idp.issuer(), success.path("issuer").asText());
        assertEquals("demo\\agent5", success.path("user").asText());
        assertEquals("sso-app", success.path("client").asText());
        assertEquals("replayed", signIns.get(1).path("reason").asText(), signIns.get(1).toString());
        assertFalse(AuditLines.of(audit, "token_issued").stream()
                .filter(n -> GRANT.equals(n.path("grant").asText())).toList().isEmpty());
        assertFalse(Files.readString(audit).contains(good), "the audit log holds an assertion");
    }
}
