package dev.authbridge.e2e;

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
import java.util.ArrayList;
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
        return r.as(DefaultOAuth2AccessToken.class);
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

        CloudUserDetails me = sdk.getWithBearer("/userinfo", token.accessToken).as(CloudUserDetails.class);
        assertEquals("agent1", me.loginName);
        assertEquals("agent1", me.cmeUserName);
        assertTrue(me.contactCenterId.matches(UUID) && me.environmentId.matches(UUID), me.contactCenterId);
        assertEquals(me.contactCenterId + ":" + me.dbid + ":agent1", me.username);
        UserRole role = me.authorities.get(0);
        assertTrue(role.name.startsWith("ROLE_") && !role.privileges.isEmpty(), role.name);
        assertFalse(me.properties.isEmpty());

        OpenIdUserInfo oidc = sdk.getWithBearer("/openid/userinfo", token.accessToken).as(OpenIdUserInfo.class);
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
        r.envelope(200, "/jwt-userinfo");
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
        DefaultOAuth2AccessToken token = issued.as(DefaultOAuth2AccessToken.class);
        assertNull(token.refreshToken);

        CloudUserDetails me = sdk.getWithBearer("/userinfo", token.accessToken).as(CloudUserDetails.class);
        assertEquals(CLIENT, me.username);
        assertNull(me.loginName, "not set for applications and services");
        assertNull(me.cmeUserName, "not set for applications and services");
        assertNull(me.dbid);
        assertNull(me.contactCenterId);
        assertTrue(me.authorities.isEmpty() && me.properties.isEmpty(), "empty, never null: the SDK iterates them");

        OpenIdUserInfo oidc = sdk.getWithBearer("/openid/userinfo", token.accessToken).as(OpenIdUserInfo.class);
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
        CloudUserDetails me = sdk.getWithBearer("/userinfo", access).as(CloudUserDetails.class);
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
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&response_type=code&scope=*&hideTenant=true";
        sdk.get("/ping").envelope(403, "/ping");

        URI location = sdk.get(authorize,
                "Authorization", VendorSdkClient.basic("demo\\agent3", "agent3-Secret!")).redirect();
        assertTrue(location.toString().startsWith(REDIRECT + "?code="), location.toString());
        sdk.get("/ping").envelope(200, "/ping");
        String again = query(sdk.get(authorize).redirect()).get("code");
        assertNotNull(again, "single sign-on from the session the Basic sign-in started");

        Answer exchanged = sdk.token(CLIENT, SECRET, "grant_type", "authorization_code",
                "code", query(location).get("code"), "redirect_uri", REDIRECT);
        DefaultOAuth2AccessToken token = exchanged.as(DefaultOAuth2AccessToken.class);
        DefaultOAuth2AccessToken renewed = sdk.token(CLIENT, SECRET, "grant_type", "refresh_token",
                "refresh_token", token.refreshToken).as(DefaultOAuth2AccessToken.class);
        CloudUserDetails me = sdk.getWithBearer("/userinfo", renewed.accessToken).as(CloudUserDetails.class);
        assertEquals("agent3", me.loginName);
        OAuthError spent = sdk.token(CLIENT, SECRET, "grant_type", "refresh_token",
                "refresh_token", token.refreshToken).as(OAuthError.class);
        assertEquals("invalid_grant", spent.error);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void signOutWhenSdkGetsWithRedirectUriThenBodilessRedirectAndTokenDead(Flavor flavor) {
        VendorSdkClient sdk = sdk(flavor);
        String access = signIn(sdk, "demo\\agent4", "agent4-Secret!").accessToken;
        URI to = sdk.getWithBearer("/sign-out?global=false&redirectUri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8), access).redirect();
        assertEquals(REDIRECT, to.toString());
        sdk.getWithBearer("/userinfo", access).envelope(401, "/userinfo");
    }

    /** {@code signOutPost}: no body, the JSON content type all the same. */
    @ParameterizedTest
    @EnumSource(Flavor.class)
    void signOutWhenSdkPostsWithoutBodyThenEnvelopeAndTokenDead(Flavor flavor) {
        VendorSdkClient sdk = sdk(flavor);
        String access = signIn(sdk, "demo\\agent4", "agent4-Secret!").accessToken;
        sdk.postJson("/sign-out?global=false", "", "Authorization", "bearer " + access).envelope(200, "/sign-out");
        sdk.getWithBearer("/ping", access).envelope(403, "/ping");
    }

    /** {@code changePassword}: the SDK's request model as gson writes it, with a token or without. */
    private static Answer changePassword(VendorSdkClient sdk, ChangePasswordRequest request, String access) {
        String body = VendorModels.json(request);
        return access == null
                ? sdk.postJson("/change-password", body)
                : sdk.postJson("/change-password", body, "Authorization", "bearer " + access);
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void changePasswordWhenSdkSendsItsModelThenEnvelopeEchoingOperationIdAndRefusalsAre403(Flavor flavor) {
        VendorSdkClient sdk = sdk(flavor);
        String access = signIn(sdk, "demo\\agent5", "agent5-Secret!").accessToken;
        for (String wrong : List.of("agent5-Wrong!", "")) {
            changePassword(sdk, new ChangePasswordRequest(wrong, "agent5-Changed-1!", null, null), access)
                    .envelope(403, "/change-password");
        }
        ApiResponse changed = changePassword(sdk, new ChangePasswordRequest("agent5-Secret!", "agent5-Changed-1!",
                "demo\\agent5", "op-" + flavor), access).envelope(200, "/change-password");
        assertEquals("op-" + flavor, changed.data.get("operationId"));

        Answer nameless = changePassword(sdk, new ChangePasswordRequest("agent5-Changed-1!", "agent5-Secret!", null,
                null), null);
        assertEquals(400, nameless.as(ApiResponse.class).status.code, "without a token the user must be named");
        changePassword(sdk, new ChangePasswordRequest("agent5-Changed-1!", "agent5-Secret!", "demo\\agent5", null),
                null).envelope(200, "/change-password");
    }

    @ParameterizedTest
    @EnumSource(Flavor.class)
    void errorPathsWhenSdkCallsThenStandardOAuthErrorsAndEnvelopesItsModelsRead(Flavor flavor) {
        VendorSdkClient sdk = sdk(flavor);
        // A wrong, an empty, a blank password, and none at all: one answer, Spring Security's.
        for (List<String> password : List.of(List.of("password", "wrong"), List.of("password", ""),
                List.of("password", "   "), List.<String>of())) {
            List<String> fields = new ArrayList<>(List.of("grant_type", "password", "username", "demo\\agent6"));
            fields.addAll(password);
            Answer r = sdk.token(CLIENT, SECRET, fields.toArray(String[]::new));
            assertEquals(400, r.status(), r.body());
            OAuthError error = r.as(OAuthError.class);
            assertEquals("invalid_grant", error.error, password.toString());
            assertEquals("Bad credentials", error.errorDescription);
        }
        signIn(sdk, "demo\\agent6", "agent6-Secret!");

        Answer client = sdk.token(CLIENT, "wrong-secret", "grant_type", "client_credentials");
        assertEquals(401, client.status());
        assertEquals("invalid_client", client.as(OAuthError.class).error);
        assertTrue(client.header("WWW-Authenticate").startsWith("Basic"));
        Answer grant = sdk.token(CLIENT, SECRET, "grant_type", "urn:example:unknown");
        assertEquals("unsupported_grant_type", grant.as(OAuthError.class).error);

        sdk.getWithBearer("/userinfo", "a4b5da75-a584-4053-9227-0f0ab23ff06e").envelope(401, "/userinfo");
        sdk.get("/openid/userinfo").envelope(401, "/openid/userinfo");
        sdk.get("/jwt-userinfo").envelope(401, "/jwt-userinfo");
        sdk.postJson("/sign-out", "").envelope(401, "/sign-out");
        sdk.postJson("/change-password", "{\"data\":{}}").envelope(400, "/change-password");
        sdk.get("/no-such-operation").envelope(404, "/no-such-operation");
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
