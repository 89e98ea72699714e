package dev.authbridge.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code X-GWS-User} and id tokens verified as a third-party resource server would: discovery,
 * JWK set over HTTP, Nimbus processors — nothing shared with the signer.
 */
class SignedIdentityHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final DemoApp app = new DemoApp();

    private static ResourceServer rs;

    @BeforeAll
    static void discover() throws Exception {
        rs = ResourceServer.discover(app.http().baseUrl() + "/auth/v3");
    }

    private static String accessToken(String user, String password) {
        return app.http().signIn(user, password).get("access_token").asText();
    }

    private static String gwsUser(String accessToken) {
        Response r = app.http().getWithBearer("/auth/v3/jwt-userinfo", accessToken);
        assertEquals(200, r.status(), r.body());
        String jwt = r.header("X-GWS-User");
        assertNotNull(jwt, "X-GWS-User header");
        return jwt;
    }

    private static JsonNode openIdToken(String... extra) {
        String[] kv = new String[6 + extra.length];
        System.arraycopy(new String[] {"grant_type", "password", "username", "demo\\agent1", "password", "agent1-Secret!"},
                0, kv, 0, 6);
        System.arraycopy(extra, 0, kv, 6, extra.length);
        Response r = app.http().token(kv);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    @Test
    void jwtUserinfoWhenAgentThenEnvelopeAndVerifiableHeaderWithCloudUserDetails() throws Exception {
        String token = accessToken("demo\\supervisor1", "supervisor1-Secret!");
        Response r = app.http().getWithBearer("/auth/v3/jwt-userinfo", token);
        assertEquals(200, r.status(), r.body());
        assertEquals(0, r.json().get("status").get("code").asInt());
        assertEquals("/auth/v3/jwt-userinfo", r.json().get("path").asText());
        assertEquals("no-store", r.header("Cache-Control"));

        JWTClaimsSet claims = rs.verify(r.header("X-GWS-User"), "demo-client");
        JsonNode cloud = app.http().getWithBearer("/auth/v3/userinfo", token).json();
        JsonNode openId = app.http().getWithBearer("/auth/v3/openid/userinfo", token).json();
        JsonNode asJson = JSON.readTree(claims.toString());
        for (Iterator<Map.Entry<String, JsonNode>> it = cloud.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            assertEquals(field.getValue(), asJson.get(field.getKey()), field.getKey());
        }
        assertEquals(openId.get("sub").asText(), claims.getSubject(), "sub is the user's stable id");
        assertEquals(List.of("demo-client"), claims.getAudience());
        assertEquals(rs.issuer(), claims.getIssuer());
        assertEquals(300, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
        assertNotNull(claims.getJWTID());
        SignedJWT parsed = SignedJWT.parse(r.header("X-GWS-User"));
        assertEquals(JWSAlgorithm.RS256, parsed.getHeader().getAlgorithm());
        assertNotNull(parsed.getHeader().getKeyID());
    }

    @Test
    void jwtUserinfoWhenTwoCallsThenDistinctJti() throws Exception {
        String token = accessToken("demo\\agent2", "agent2-Secret!");
        JWTClaimsSet first = rs.verify(gwsUser(token), "demo-client");
        JWTClaimsSet second = rs.verify(gwsUser(token), "demo-client");
        assertNotEquals(first.getJWTID(), second.getJWTID());
    }

    @Test
    void jwtUserinfoWhenClientCredentialsThenClientIsSubject() throws Exception {
        Response t = app.http().post("/auth/v3/oauth/token", "grant_type=client_credentials",
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", dev.authbridge.testing.HttpTestClient.basic("service", "service-secret"));
        JWTClaimsSet claims = rs.verify(gwsUser(t.json().get("access_token").asText()), "service");
        assertEquals("service", claims.getSubject());
        assertEquals("service", claims.getStringClaim("username"));
        assertNull(claims.getClaim("dbid"));
        assertNull(claims.getClaim("loginName"), "not set for applications and services");
        assertNull(claims.getClaim("cmeUserName"), "not set for applications and services");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer garbage", "Bearer 00000000-0000-0000-0000-000000000000"})
    void jwtUserinfoWhenNoValidTokenThen401AndNoHeader(String authorization) {
        Response r = authorization.isEmpty()
                ? app.http().get("/auth/v3/jwt-userinfo")
                : app.http().get("/auth/v3/jwt-userinfo", "Authorization", authorization);
        assertEquals(401, r.status());
        assertEquals(401, r.json().get("status").get("code").asInt());
        assertNull(r.header("X-GWS-User"));
    }

    @Test
    void verifyWhenAudienceWrongThenRejected() {
        String jwt = gwsUser(accessToken("demo\\agent3", "agent3-Secret!"));
        assertThrows(BadJOSEException.class, () -> rs.verify(jwt, "some-other-service"));
    }

    @Test
    void verifyWhenExpiredThenRejected() {
        String token = accessToken("demo\\agent4", "agent4-Secret!");
        // Signed ten minutes in the past: a five-minute token already expired in real time.
        app.clock().advance(Duration.ofMinutes(-10));
        String jwt;
        try {
            jwt = gwsUser(token);
        } finally {
            app.clock().advance(Duration.ofMinutes(10));
        }
        BadJOSEException e = assertThrows(BadJOSEException.class, () -> rs.verify(jwt, "demo-client"));
        assertTrue(e.getMessage().toLowerCase().contains("expired"), e.getMessage());
    }

    @Test
    void verifyWhenPayloadTamperedThenRejected() throws Exception {
        String[] parts = gwsUser(accessToken("demo\\agent5", "agent5-Secret!")).split("\\.");
        JsonNode payload = JSON.readTree(Base64URL.from(parts[1]).decodeToString());
        String forged = payload.toString().replace("ROLE_AGENTS", "ROLE_ADMIN");
        assertNotEquals(payload.toString(), forged);
        String tampered = parts[0] + "." + Base64URL.encode(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThrows(BadJOSEException.class, () -> rs.verify(tampered, "demo-client"));
    }

    /** Forgeries a careless verifier would take: unknown key, a key claiming a real kid, alg none, HMAC with the public key. */
    @ParameterizedTest
    @ValueSource(strings = {"unknown-kid", "real-kid-other-key", "alg-none", "hs256-with-public-key"})
    void verifyWhenForgedThenRejected(String forgery) throws Exception {
        SignedJWT genuine = SignedJWT.parse(gwsUser(accessToken("demo\\agent6", "agent6-Secret!")));
        JWTClaimsSet claims = genuine.getJWTClaimsSet();
        RSAKey attacker = new RSAKeyGenerator(2048).keyID("attacker").generate();
        String jwt = switch (forgery) {
            case "unknown-kid" -> sign(claims, attacker, "attacker");
            case "real-kid-other-key" -> sign(claims, attacker, genuine.getHeader().getKeyID());
            case "alg-none" -> new PlainJWT(claims).serialize();
            default -> {
                SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(genuine.getHeader().getKeyID()).build(), claims);
                byte[] publicKey = app.http().get("/auth/v3/jwks").body().getBytes(StandardCharsets.UTF_8);
                hmac.sign(new MACSigner(publicKey));
                yield hmac.serialize();
            }
        };
        assertThrows(Exception.class, () -> rs.verify(jwt, "demo-client"), forgery);
        // The genuine one passes the same verifier: the rejection is about the forgery.
        assertEquals(claims.getSubject(), rs.verify(genuine.serialize(), "demo-client").getSubject());
    }

    private static String sign(JWTClaimsSet claims, RSAKey key, String kid) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT).build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void tokenWhenScopeOpenidThenIdTokenValidatedBySdk() throws Exception {
        JsonNode tokens = openIdToken("scope", "openid");
        assertEquals("openid", tokens.get("scope").asText());
        IDTokenClaimsSet id = rs.validateIdToken(tokens.get("id_token").asText(), "demo-client", null);
        String accessToken = tokens.get("access_token").asText();
        JsonNode openId = app.http().getWithBearer("/auth/v3/openid/userinfo", accessToken).json();
        assertEquals(openId.get("sub").asText(), id.getSubject().getValue(), "OIDC Core §5.3.2: same sub");
        AccessTokenValidator.validate(new BearerAccessToken(accessToken), rs.algorithm, id.getAccessTokenHash());
        assertEquals(app.clock().instant().getEpochSecond(), id.getAuthenticationTime().toInstant().getEpochSecond(),
                "auth_time is the password check, by the server's clock");
        assertNull(id.getNonce());
        assertEquals("demo-client", id.getStringClaim("azp"));
    }

    @Test
    void tokenWhenAtHashOfAnotherTokenThenSdkRejects() throws Exception {
        JsonNode tokens = openIdToken("scope", "openid");
        IDTokenClaimsSet id = rs.validateIdToken(tokens.get("id_token").asText(), "demo-client", null);
        String other = openIdToken("scope", "openid").get("access_token").asText();
        assertThrows(Exception.class,
                () -> AccessTokenValidator.validate(new BearerAccessToken(other), rs.algorithm, id.getAccessTokenHash()));
    }

    @Test
    void tokenWhenIdTokenForAnotherClientThenSdkRejects() {
        String idToken = openIdToken("scope", "openid *").get("id_token").asText();
        assertThrows(BadJOSEException.class, () -> rs.validateIdToken(idToken, "other", null));
    }

    @Test
    void tokenWhenNoOpenidScopeThenNoIdToken() {
        JsonNode tokens = openIdToken();
        assertFalse(tokens.has("id_token"), tokens.toString());
        assertFalse(openIdToken("scope", "*").has("id_token"));
    }

    @Test
    void tokenWhenFormEncodedAndOpenidThenIdTokenField() {
        Response r = app.http().post("/auth/v3/oauth/token",
                "grant_type=password&username=demo%5Cagent1&password=agent1-Secret%21&scope=openid",
                "Content-Type", "application/x-www-form-urlencoded", "Accept", "application/x-www-form-urlencoded",
                "Authorization", dev.authbridge.testing.HttpTestClient.basic("demo-client", "demo-secret"));
        assertEquals(200, r.status(), r.body());
        assertTrue(r.body().matches(".*&scope=openid&id_token=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$"), r.body());
    }

    @Test
    void refreshWhenOpenidThenNewIdTokenKeepsAuthTimeWithoutNonce() throws Exception {
        JsonNode first = openIdToken("scope", "openid *");
        IDTokenClaimsSet original = rs.validateIdToken(first.get("id_token").asText(), "demo-client", null);
        app.clock().advance(Duration.ofMinutes(30));
        try {
            JsonNode refreshed = app.http().token("grant_type", "refresh_token",
                    "refresh_token", first.get("refresh_token").asText()).json();
            SignedJWT idToken = SignedJWT.parse(refreshed.get("id_token").asText());
            JWTClaimsSet claims = idToken.getJWTClaimsSet();
            assertEquals(original.getAuthenticationTime(), claims.getDateClaim("auth_time"), "OIDC Core §12.2");
            assertTrue(claims.getIssueTime().after(original.getIssueTime()));
            assertEquals(original.getSubject().getValue(), claims.getSubject());
            assertNull(claims.getClaim("nonce"));
            AccessTokenValidator.validate(new BearerAccessToken(refreshed.get("access_token").asText()), rs.algorithm,
                    new com.nimbusds.openid.connect.sdk.claims.AccessTokenHash(claims.getStringClaim("at_hash")));
            JsonNode narrowed = app.http().token("grant_type", "refresh_token",
                    "refresh_token", refreshed.get("refresh_token").asText(), "scope", "*").json();
            assertEquals("*", narrowed.get("scope").asText());
            assertFalse(narrowed.has("id_token"), "openid narrowed away: no id token");
        } finally {
            app.clock().advance(Duration.ofMinutes(-30));
        }
    }

    @Test
    void tokenWhenClientCredentialsWithOpenidThenNoIdToken() {
        Response r = app.http().post("/auth/v3/oauth/token", "grant_type=client_credentials&scope=openid",
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", dev.authbridge.testing.HttpTestClient.basic("service", "service-secret"));
        assertEquals(200, r.status(), r.body());
        assertFalse(r.json().has("id_token"), "no end-user, no id token");
    }

    @Test
    void jwksWhenFetchedThenPublicKeysOnlyCacheableWithUseAndAlg() {
        Response r = app.http().get("/auth/v3/jwks");
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("application/json"));
        assertTrue(r.header("Cache-Control").matches("public, max-age=\\d+"), r.header("Cache-Control"));
        JsonNode keys = r.json().get("keys");
        assertEquals(4, keys.size(), "active and next, then their Ed25519 companions (demo-services): " + keys);
        for (int i = 0; i < keys.size(); i++) {
            JsonNode key = keys.get(i);
            assertEquals("sig", key.get("use").asText());
            assertTrue(key.hasNonNull("kid"));
            if (i < 2) {
                assertEquals("RSA", key.get("kty").asText());
                assertEquals("RS256", key.get("alg").asText());
                assertTrue(key.hasNonNull("n") && key.hasNonNull("e"));
            } else {
                assertEquals("OKP", key.get("kty").asText());
                assertEquals("Ed25519", key.get("crv").asText());
                assertEquals("EdDSA", key.get("alg").asText());
                assertTrue(key.hasNonNull("x"));
            }
            for (String secret : List.of("d", "p", "q", "dp", "dq", "qi")) {
                assertFalse(key.has(secret), "private parameter " + secret + " published");
            }
        }
    }

    @Test
    void jwksWhenPostThen405() {
        assertEquals(405, app.http().post("/auth/v3/jwks", "").status());
    }

    @Test
    void headerWhenSignedThenKidIsPublishedAndSignatureDatesMatchClock() throws Exception {
        SignedJWT jwt = SignedJWT.parse(gwsUser(accessToken("demo\\agent7", "agent7-Secret!")));
        String kid = jwt.getHeader().getKeyID();
        assertTrue(app.http().get("/auth/v3/jwks").body().contains("\"kid\":\"" + kid + "\""));
        Date iat = jwt.getJWTClaimsSet().getIssueTime();
        assertTrue(Math.abs(iat.toInstant().getEpochSecond() - app.clock().instant().getEpochSecond()) <= 1);
    }
}
