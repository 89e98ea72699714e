package dev.authbridge.e2e;

import static dev.authbridge.e2e.VendorModels.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authbridge.e2e.VendorModels.ApiResponse;
import dev.authbridge.e2e.VendorModels.ChangePasswordRequest;
import dev.authbridge.e2e.VendorModels.CloudUserDetails;
import dev.authbridge.e2e.VendorModels.DefaultOAuth2AccessToken;
import dev.authbridge.e2e.VendorModels.OAuthError;
import dev.authbridge.e2e.VendorModels.OpenIdUserInfo;
import dev.authbridge.e2e.VendorModels.UserRole;
import dev.authbridge.e2e.VendorSdkClient.Answer;
import dev.authbridge.e2e.VendorSdkClient.Flavor;
import dev.authbridge.testing.AuditLines;
import dev.authbridge.testing.AuthbridgeProcess;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestConfig;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The vendor's generated clients, unchanged, against authbridge: every call as {@link
 * VendorSdkClient} puts it on the wire (Java: okhttp 2.7.5; JavaScript: superagent), every answer
 * read into the SDK's gson models ({@link VendorModels}) and checked for what a caller of the SDK
 * relies on — names, kinds, which fields are set for whom. A body is always JSON (a redirect has
 * none), never {@code text/plain}.
 */
class VendorSdkShapeHttpTest {
    private static final String CLIENT = "demo-client";
    private static final String SECRET = "demo-secret";
    private static final String REDIRECT = "http://127.0.0.1:8095/callback";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TempDir static Path dir;
    private static RunningApp app;

    @BeforeAll
    static void start() {
        app = RunningApp.start(TestConfig.shipped(dir));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static VendorSdkClient sdk(Flavor flavor) {
        return new VendorSdkClient(flavor, app.baseUrl());
    }

    private static DefaultOAuth2AccessToken signIn(VendorSdkClient sdk, String user, String password) {
        Answer r = sdk.token(CLIENT, SECRET, "grant_type", "password", "username", user, "password", password,
                "scope", "*");
        assertEquals(200, r.status(), r.body());
        return parse(json(r), DefaultOAuth2AccessToken.class);
    }

    /** The body, once shown to be JSON: the only kind of body the SDK reads. */
    private static String json(Answer r) {
        String type = r.header("Content-Type");
        assertNotNull(type, "a body without a type: " + r.status() + " " + r.body());
        assertTrue(type.startsWith("application/json"), type + ": " + r.body());
        return r.body();
    }

    private static void assertEnvelope(Answer r, int status, String path) {
        assertEquals(status, r.status(), r.body());
        ApiResponse envelope = parse(json(r), ApiResponse.class);
        assertEquals(status == 200 ? 0 : status, envelope.status.code);
        assertNotNull(envelope.status.message);
        assertEquals("/auth/v3" + path, envelope.path);
    }

    /** A redirect as the SDK's callers read it: Location, and nothing else to read. */
    private static URI assertBodilessRedirect(Answer r) {
        assertEquals(302, r.status(), r.body());
        assertNull(r.header("Content-Type"), "a redirect has no body, so no type");
        assertEquals("0", r.header("Content-Length"));
        assertEquals("", r.body());
        return URI.create(r.header("Location"));
    }

    private static Map<String, String> query(URI location) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            p.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return p;
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void passwordGrantWhenSdkSignsInThenTokenAndUserModelsComplete(Flavor flavor) {
        VendorSdkClient sdk = sdk(flavor);
        DefaultOAuth2AccessToken token = signIn(sdk, "demo\\agent1", "agent1-Secret!");
        assertEquals("bearer", token.tokenType);
        assertTrue(token.expiresIn > 43_000, "Integer, the vendor's 12 h: " + token.expiresIn);
        assertNotNull(token.refreshToken);
        assertEquals("*", token.scope);

        CloudUserDetails me = parse(json(sdk.getWithBearer("/userinfo", token.accessToken)), CloudUserDetails.class);
        assertEquals("agent1", me.loginName);
        assertEquals("agent1", me.cmeUserName);
        assertTrue(me.contactCenterId.matches(UUID) && me.environmentId.matches(UUID), me.contactCenterId);
        assertEquals(me.contactCenterId + ":" + me.dbid + ":agent1", me.username);
        UserRole role = me.authorities.get(0);
        assertTrue(role.name.startsWith("ROLE_") && !role.privileges.isEmpty(), role.name);
        assertFalse(me.properties.isEmpty());

        OpenIdUserInfo oidc = parse(json(sdk.getWithBearer("/openid/userinfo", token.accessToken)), OpenIdUserInfo.class);
        assertEquals(CLIENT, oidc.aud);
        assertEquals("agent1", oidc.userName);
        assertEquals(me.contactCenterId, oidc.contactCenterId);
        assertEquals(me.dbid, oidc.dbid);
        assertTrue(oidc.sub.matches(UUID) && oidc.email.contains("@") && oidc.givenName != null
                && oidc.familyName != null, oidc.sub);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void jwtUserinfoWhenSdkAsksThenEnvelopeAndTheUserSignedInItsHeader(Flavor flavor) throws Exception {
        VendorSdkClient sdk = sdk(flavor);
        String access = signIn(sdk, "demo\\agent2", "agent2-Secret!").accessToken;
        Answer r = sdk.getWithBearer("/jwt-userinfo", access);
        assertEnvelope(r, 200, "/jwt-userinfo");
        JWTClaimsSet claims = SignedJWT.parse(r.header("X-GWS-User")).getJWTClaimsSet();
        assertEquals("agent2", claims.getStringClaim("loginName"));
        assertEquals(List.of(CLIENT), claims.getAudience());
        assertNotNull(claims.getExpirationTime());
        assertTrue(claims.getClaim("dbid") instanceof Long, "an integer, as in /userinfo");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void clientCredentialsWhenSdkAsksWhoThenTheClientAndNoLoginNames(Flavor flavor) throws Exception {
        VendorSdkClient sdk = sdk(flavor);
        Answer issued = sdk.token(CLIENT, SECRET, "grant_type", "client_credentials");
        DefaultOAuth2AccessToken token = parse(json(issued), DefaultOAuth2AccessToken.class);
        assertNull(token.refreshToken);

        CloudUserDetails me = parse(json(sdk.getWithBearer("/userinfo", token.accessToken)), CloudUserDetails.class);
        assertEquals(CLIENT, me.username);
        assertNull(me.loginName, "not set for applications and services");
        assertNull(me.cmeUserName, "not set for applications and services");
        assertNull(me.dbid);
        assertNull(me.contactCenterId);
        assertTrue(me.authorities.isEmpty() && me.properties.isEmpty(), "empty, never null: the SDK iterates them");

        OpenIdUserInfo oidc = parse(json(sdk.getWithBearer("/openid/userinfo", token.accessToken)), OpenIdUserInfo.class);
        assertEquals(CLIENT, oidc.sub);
        assertNull(oidc.userName, "not set for applications and services");
        assertTrue(oidc.email == null && oidc.givenName == null && oidc.familyName == null && oidc.dbid == null);

        JWTClaimsSet claims = SignedJWT.parse(sdk.getWithBearer("/jwt-userinfo", token.accessToken)
                .header("X-GWS-User")).getJWTClaimsSet();
        assertEquals(CLIENT, claims.getSubject());
        assertNull(claims.getClaim("loginName"));
        assertNull(claims.getClaim("cmeUserName"));
    }

    /** The form they sign in with, wherever the name is shown: userinfo, the signed header, the audit log. */
    @Test
    void userOutsideEveryTenantWhenSdkAsksThenUsernameIsTheNameTheySignInWith() throws Exception {
        VendorSdkClient sdk = sdk(Flavor.JAVA);
        String access = signIn(sdk, "\\admin", "admin-Secret!").accessToken;
        CloudUserDetails me = parse(json(sdk.getWithBearer("/userinfo", access)), CloudUserDetails.class);
        assertEquals("\\admin", me.username);
        assertEquals("admin", me.loginName);
        assertNull(me.contactCenterId);
        assertNull(me.dbid);
        JWTClaimsSet claims = SignedJWT.parse(sdk.getWithBearer("/jwt-userinfo", access).header("X-GWS-User"))
                .getJWTClaimsSet();
        assertEquals("\\admin", claims.getStringClaim("username"));
        List<JsonNode> issued = AuditLines.of(dir.resolve("audit.log"), "token_issued");
        assertEquals("\\admin", issued.get(issued.size() - 1).get("user").asText());
    }

    /**
     * The SDK's {@code authorize} with the Basic shortcut, then its {@code ping()}, which sends no
     * token, only the cookie jar: the same browser session as the page's, single sign-on included.
     */
    @ParameterizedTest
    @EnumSource(Flavor.class)
    void authorizeWithBasicWhenSdkPingsWithItsCookieJarThenSignedInAndCodeAndRefreshWork(Flavor flavor) {
        VendorSdkClient sdk = sdk(flavor);
        String authorize = "/oauth/authorize?client_id=" + CLIENT + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&response_type=code&scope=*&hideTenant=true";
        assertEnvelope(sdk.get("/ping"), 403, "/ping");

        URI location = assertBodilessRedirect(sdk.get(authorize,
                "Authorization", VendorSdkClient.basic("demo\\agent3", "agent3-Secret!")));
        assertTrue(location.toString().startsWith(REDIRECT + "?code="), location.toString());
        assertEnvelope(sdk.get("/ping"), 200, "/ping");
        String again = query(assertBodilessRedirect(sdk.get(authorize))).get("code");
        assertNotNull(again, "single sign-on from the session the Basic sign-in started");

        Answer exchanged = sdk.token(CLIENT, SECRET, "grant_type", "authorization_code",
                "code", query(location).get("code"), "redirect_uri", REDIRECT);
        DefaultOAuth2AccessToken token = parse(json(exchanged), DefaultOAuth2AccessToken.class);
        Answer refreshed = sdk.token(CLIENT, SECRET, "grant_type", "refresh_token", "refresh_token", token.refreshToken);
        DefaultOAuth2AccessToken renewed = parse(json(refreshed), DefaultOAuth2AccessToken.class);
        assertEquals("agent3", parse(json(sdk.getWithBearer("/userinfo", renewed.accessToken)),
                CloudUserDetails.class).loginName);
        OAuthError spent = parse(json(sdk.token(CLIENT, SECRET, "grant_type", "refresh_token",
                "refresh_token", token.refreshToken)), OAuthError.class);
        assertEquals("invalid_grant", spent.error);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void signOutWhenSdkGetsWithRedirectUriThenBodilessRedirectAndTokenDead(Flavor flavor) {
        VendorSdkClient sdk = sdk(flavor);
        String access = signIn(sdk, "demo\\agent4", "agent4-Secret!").accessToken;
        URI to = assertBodilessRedirect(sdk.getWithBearer("/sign-out?global=false&redirectUri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8), access));
        assertEquals(REDIRECT, to.toString());
        assertEnvelope(sdk.getWithBearer("/userinfo", access), 401, "/userinfo");
    }

    /** {@code signOutPost}: no body, the JSON content type all the same. */
    @ParameterizedTest
    @EnumSource(Flavor.class)
    void signOutWhenSdkPostsWithoutBodyThenEnvelopeAndTokenDead(Flavor flavor) {
        VendorSdkClient sdk = sdk(flavor);
        String access = signIn(sdk, "demo\\agent4", "agent4-Secret!").accessToken;
        assertEnvelope(sdk.postJson("/sign-out?global=false", "", "Authorization", "bearer " + access), 200, "/sign-out");
        assertEnvelope(sdk.getWithBearer("/ping", access), 403, "/ping");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void changePasswordWhenSdkSendsItsModelThenEnvelopeEchoingOperationIdAndRefusalsAre403(Flavor flavor) {
        VendorSdkClient sdk = sdk(flavor);
        String access = signIn(sdk, "demo\\agent5", "agent5-Secret!").accessToken;
        String bearer = "bearer " + access;
        for (String wrong : List.of("agent5-Wrong!", "")) {
            Answer refused = sdk.postJson("/change-password",
                    VendorModels.json(new ChangePasswordRequest(wrong, "agent5-Changed-1!", null, null)), "Authorization", bearer);
            assertEnvelope(refused, 403, "/change-password");
        }
        Answer changed = sdk.postJson("/change-password",
                VendorModels.json(new ChangePasswordRequest("agent5-Secret!", "agent5-Changed-1!", "demo\\agent5", "op-" + flavor)),
                "Authorization", bearer);
        assertEnvelope(changed, 200, "/change-password");
        assertEquals("op-" + flavor, parse(changed.body(), ApiResponse.class).data.get("operationId"));
        Answer back = sdk.postJson("/change-password",
                VendorModels.json(new ChangePasswordRequest("agent5-Changed-1!", "agent5-Secret!", null, null)));
        assertEquals(400, back.status(), "without a token the SDK must name the user: " + back.body());
        assertEnvelope(sdk.postJson("/change-password", VendorModels.json(
                new ChangePasswordRequest("agent5-Changed-1!", "agent5-Secret!", "demo\\agent5", null))), 200,
                "/change-password");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void errorPathsWhenSdkCallsThenStandardOAuthErrorsAndEnvelopesItsModelsRead(Flavor flavor) {
        VendorSdkClient sdk = sdk(flavor);
        for (String[] password : List.of(new String[] {"password", "wrong"}, new String[] {"password", ""},
                new String[] {"password", "   "}, new String[] {"scope", "*"})) {
            Answer r = sdk.token(CLIENT, SECRET, "grant_type", "password", "username", "demo\\agent6",
                    password[0], password[1]);
            assertEquals(400, r.status(), r.body());
            OAuthError error = parse(json(r), OAuthError.class);
            assertEquals("invalid_grant", error.error, Map.of(password[0], password[1]).toString());
            assertEquals("Bad credentials", error.errorDescription);
        }
        signIn(sdk, "demo\\agent6", "agent6-Secret!");

        Answer client = sdk.token(CLIENT, "wrong-secret", "grant_type", "client_credentials");
        assertEquals(401, client.status());
        assertEquals("invalid_client", parse(json(client), OAuthError.class).error);
        assertTrue(client.header("WWW-Authenticate").startsWith("Basic"));
        Answer grant = sdk.token(CLIENT, SECRET, "grant_type", "urn:example:unknown");
        assertEquals("unsupported_grant_type", parse(json(grant), OAuthError.class).error);

        assertEnvelope(sdk.getWithBearer("/userinfo", "a4b5da75-a584-4053-9227-0f0ab23ff06e"), 401, "/userinfo");
        assertEnvelope(sdk.get("/openid/userinfo"), 401, "/openid/userinfo");
        assertEnvelope(sdk.get("/jwt-userinfo"), 401, "/jwt-userinfo");
        assertEnvelope(sdk.postJson("/sign-out", ""), 401, "/sign-out");
        assertEnvelope(sdk.postJson("/change-password", "{\"data\":{}}"), 400, "/change-password");
        assertEnvelope(sdk.get("/no-such-operation"), 404, "/no-such-operation");
    }

    /**
     * The grants listed in one order by every instance, in every JVM: another process, and the
     * same after its restart, answer what this one does, in name order.
     */
    @Test
    void unsupportedGrantTypeWhenAskedOfAnotherJvmAndAfterItsRestartThenTheSameListInNameOrder(@TempDir Path other) {
        String here = unsupported(app.http.token("grant_type", "urn:example:unknown").json());
        List<String> listed = List.of(here.substring(here.indexOf('[') + 1, here.indexOf(']')).split(", "));
        assertEquals(listed.stream().sorted().toList(), listed, here);
        try (AuthbridgeProcess node = AuthbridgeProcess.start(TestConfig.shipped(other))) {
            assertEquals(here, unsupported(node.http().token("grant_type", "urn:example:unknown").json()));
            node.stop();
            node.restart();
            assertEquals(here, unsupported(node.http().token("grant_type", "urn:example:unknown").json()));
        }
    }

    private static String unsupported(JsonNode error) {
        assertEquals("unsupported_grant_type", error.get("error").asText());
        return error.get("error_description").asText();
    }
}
