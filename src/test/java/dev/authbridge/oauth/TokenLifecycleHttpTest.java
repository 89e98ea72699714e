package dev.authbridge.oauth;

import static dev.authbridge.testing.HttpTestClient.basic;
import static dev.authbridge.testing.HttpTestClient.fields;
import static dev.authbridge.testing.HttpTestClient.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /oauth/revoke} (RFC 7009) and {@code POST /oauth/introspect} (RFC 7662) over real HTTP. */
class TokenLifecycleHttpTest {
    private static final String REVOKE = "/auth/v3/oauth/revoke";
    private static final String INTROSPECT = "/auth/v3/oauth/introspect";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String DEMO_TENANT = "f91397f1-6bf6-4fcd-8623-4c4efd81e152";

    @RegisterExtension
    static final DemoApp app = new DemoApp();

    private static Response post(String path, String client, String secret, String... kv) {
        return app.http().post(path, form(fields(kv)), "Content-Type", FORM, "Authorization", basic(client, secret));
    }

    private static Response revoke(String token) {
        return post(REVOKE, "demo-client", "demo-secret", "token", token);
    }

    private static JsonNode introspect(String token) {
        Response r = post(INTROSPECT, "demo-client", "demo-secret", "token", token);
        assertEquals(200, r.status(), r.body());
        assertEquals("no-store", r.header("Cache-Control"));
        assertTrue(r.contentType().startsWith("application/json"));
        return r.json();
    }

    private static int userinfo(String accessToken) {
        return app.http().getWithBearer("/auth/v3/userinfo", accessToken).status();
    }

    private static void assertInactive(JsonNode body) {
        assertEquals("{\"active\":false}", body.toString(), "RFC 7662 §2.2: nothing but active=false");
    }

    // ---- revocation ----

    @Test
    void revokeWhenAccessTokenThenItDiesAndRefreshStillWorks() {
        JsonNode tokens = app.http().signIn("demo\\agent1", "agent1-Secret!");
        Response r = revoke(tokens.get("access_token").asText());
        assertEquals(200, r.status(), r.body());
        assertEquals("", r.body());
        assertEquals(401, userinfo(tokens.get("access_token").asText()));
        assertEquals(200, app.http().token("grant_type", "refresh_token",
                "refresh_token", tokens.get("refresh_token").asText()).status());
    }

    @Test
    void revokeWhenRefreshTokenThenWholeFamilyDies() {
        JsonNode tokens = app.http().signIn("demo\\agent2", "agent2-Secret!");
        JsonNode refreshed = app.http().token("grant_type", "refresh_token",
                "refresh_token", tokens.get("refresh_token").asText()).json();

        assertEquals(200, post(REVOKE, "demo-client", "demo-secret", "token", refreshed.get("refresh_token").asText(),
                "token_type_hint", "access_token").status(), "a wrong hint is only a hint");

        assertEquals(401, userinfo(tokens.get("access_token").asText()));
        assertEquals(401, userinfo(refreshed.get("access_token").asText()));
        Response again = app.http().token("grant_type", "refresh_token", "refresh_token", refreshed.get("refresh_token").asText());
        assertEquals("invalid_grant", again.json().get("error").asText());
    }

    @Test
    void revokeWhenTokenOfAnotherClientThen200AndNothingHappens() {
        JsonNode tokens = app.http().signIn("demo\\agent3", "agent3-Secret!");
        Response r = post(REVOKE, "other", "other-secret", "token", tokens.get("refresh_token").asText());
        assertEquals(200, r.status());
        assertEquals(200, userinfo(tokens.get("access_token").asText()));
        assertEquals(200, app.http().token("grant_type", "refresh_token",
                "refresh_token", tokens.get("refresh_token").asText()).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "00000000-0000-0000-0000-000000000000", "' OR 1=1 --", "*", "*)(uid=*",
            "tökén-ünïcode-用户", "%00", "uid=admin,dc=example,dc=com"})
    void revokeWhenUnknownOrHostileTokenThen200(String token) {
        assertEquals(200, revoke(token).status());
    }

    @Test
    void revokeWhenVeryLongTokenThen200() {
        assertEquals(200, revoke("x".repeat(20_000)).status());
    }

    @Test
    void revokeWhenTwiceThen200Both() {
        String access = app.http().signIn("demo\\agent4", "agent4-Secret!").get("access_token").asText();
        assertEquals(200, revoke(access).status());
        assertEquals(200, revoke(access).status());
    }

    @Test
    void revokeWhenPublicClientOwnTokenThenRevoked() {
        Response signIn = app.http().post("/auth/v3/oauth/token", form(fields("grant_type", "password",
                "username", "demo\\agent5", "password", "agent5-Secret!", "client_id", "public-app")), "Content-Type", FORM);
        JsonNode tokens = signIn.json();
        Response r = app.http().post(REVOKE, form(fields("token", tokens.get("refresh_token").asText(),
                "client_id", "public-app")), "Content-Type", FORM);
        assertEquals(200, r.status(), r.body());
        assertEquals(401, userinfo(tokens.get("access_token").asText()));
    }

    @Test
    void revokeWhenNimbusSdkClientThenSuccess() throws Exception {
        JsonNode tokens = app.http().signIn("demo\\agent6", "agent6-Secret!");
        TokenRevocationRequest request = new TokenRevocationRequest(URI.create(app.http().baseUrl() + REVOKE),
                new ClientSecretBasic(new ClientID("demo-client"), new Secret("demo-secret")),
                new RefreshToken(tokens.get("refresh_token").asText()));
        HTTPResponse response = request.toHTTPRequest().send();
        assertEquals(200, response.getStatusCode());
        assertEquals(401, userinfo(tokens.get("access_token").asText()));
    }

    // ---- introspection ----

    @Test
    void introspectWhenLiveUserTokenThenStandardFieldsTenantAndRoles() {
        String access = app.http().signIn("demo\\supervisor1", "supervisor1-Secret!").get("access_token").asText();
        JsonNode body = introspect(access);
        assertTrue(body.get("active").asBoolean());
        assertEquals("*", body.get("scope").asText());
        assertEquals("demo-client", body.get("client_id").asText());
        assertEquals("demo\\supervisor1", body.get("username").asText());
        assertEquals("bearer", body.get("token_type").asText());
        assertEquals(43200, body.get("exp").asLong() - body.get("iat").asLong());
        assertEquals(app.http().getWithBearer("/auth/v3/openid/userinfo", access).json().get("sub").asText(),
                body.get("sub").asText());
        assertEquals("demo-client", body.get("aud").asText());
        assertEquals(app.http().baseUrl() + "/auth/v3", body.get("iss").asText());
        assertEquals(DEMO_TENANT, body.get("tenant").asText());
        List<String> roles = app.http().getWithBearer("/auth/v3/userinfo", access).json().get("authorities")
                .findValuesAsText("name");
        assertEquals(roles.size(), body.get("roles").size());
        assertTrue(body.get("roles").toString().contains("ROLE_SUPERVISORS"), body.toString());
    }

    @Test
    void introspectWhenAskedByAnotherConfidentialClientThenActive() {
        String access = app.http().signIn("demo\\agent7", "agent7-Secret!").get("access_token").asText();
        Response r = post(INTROSPECT, "other", "other-secret", "token", access);
        assertTrue(r.json().get("active").asBoolean(), r.body());
        assertEquals("demo-client", r.json().get("client_id").asText());
    }

    @Test
    void introspectWhenClientCredentialsTokenThenClientIsPrincipal() {
        String access = app.http().post("/auth/v3/oauth/token", "grant_type=client_credentials",
                "Content-Type", FORM, "Authorization", basic("service", "service-secret")).json().get("access_token").asText();
        JsonNode body = introspect(access);
        assertTrue(body.get("active").asBoolean());
        assertEquals("service", body.get("sub").asText());
        assertEquals("service", body.get("client_id").asText());
        assertFalse(body.has("username"), "no resource owner: " + body);
        assertFalse(body.has("tenant"));
        assertFalse(body.has("roles"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "00000000-0000-0000-0000-000000000000", "' OR 1=1 --", "*", "*)(uid=*",
            "tökén-ünïcode-用户", "%00", "Bearer x"})
    void introspectWhenGarbageThenInactiveOnly(String token) {
        assertInactive(introspect(token));
    }

    @Test
    void introspectWhenVeryLongTokenThenInactive() {
        assertInactive(introspect("a".repeat(20_000)));
    }

    @Test
    void introspectWhenRefreshRevokedOrExpiredThenInactive() {
        JsonNode tokens = app.http().signIn("demo\\agent8", "agent8-Secret!");
        assertInactive(introspect(tokens.get("refresh_token").asText()));

        String revoked = app.http().signIn("demo\\agent8", "agent8-Secret!").get("access_token").asText();
        revoke(revoked);
        assertInactive(introspect(revoked));

        String expiring = tokens.get("access_token").asText();
        assertTrue(introspect(expiring).get("active").asBoolean());
        app.clock().advance(Duration.ofHours(13));
        try {
            assertInactive(introspect(expiring));
        } finally {
            app.clock().advance(Duration.ofHours(-13));
        }
    }

    @Test
    void introspectWhenNimbusSdkResourceServerThenParsedSuccess() throws Exception {
        String access = app.http().signIn("acme\\agent1", "acme-agent1-Secret!").get("access_token").asText();
        HTTPResponse http = new TokenIntrospectionRequest(URI.create(app.http().baseUrl() + INTROSPECT),
                new ClientSecretBasic(new ClientID("other"), new Secret("other-secret")),
                new BearerAccessToken(access)).toHTTPRequest().send();
        TokenIntrospectionResponse parsed = TokenIntrospectionResponse.parse(http);
        assertTrue(parsed.indicatesSuccess());
        TokenIntrospectionSuccessResponse success = parsed.toSuccessResponse();
        assertTrue(success.isActive());
        assertEquals("demo-client", success.getClientID().getValue());
        assertEquals("acme\\agent1", success.getUsername());
        assertNotNull(success.getExpirationTime());
        assertEquals(app.http().baseUrl() + "/auth/v3", success.getIssuer().getValue());
    }

    // ---- what both endpoints refuse ----

    @ParameterizedTest
    @ValueSource(strings = {REVOKE, INTROSPECT})
    void endpointWhenNoClientAuthenticationThen401InvalidClient(String path) {
        Response r = app.http().post(path, form(fields("token", "x")), "Content-Type", FORM);
        assertEquals(401, r.status());
        assertEquals("invalid_client", r.json().get("error").asText());
        assertTrue(r.header("WWW-Authenticate").startsWith("Basic"));
    }

    @ParameterizedTest
    @ValueSource(strings = {REVOKE, INTROSPECT})
    void endpointWhenWrongSecretThen401(String path) {
        assertEquals(401, post(path, "demo-client", "wrong", "token", "x").status());
    }

    @Test
    void introspectWhenPublicClientThen401InvalidClient() {
        Response r = app.http().post(INTROSPECT, form(fields("token", "x", "client_id", "public-app")), "Content-Type", FORM);
        assertEquals(401, r.status());
        assertEquals("invalid_client", r.json().get("error").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {REVOKE, INTROSPECT})
    void endpointWhenTokenMissingThenInvalidRequest(String path) {
        Response r = post(path, "demo-client", "demo-secret", "token_type_hint", "access_token");
        assertEquals(400, r.status());
        assertEquals("invalid_request", r.json().get("error").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {REVOKE, INTROSPECT})
    void endpointWhenTokenRepeatedOrInUrlOrJsonThenInvalidRequest(String path) {
        String auth = basic("demo-client", "demo-secret");
        assertEquals("invalid_request", app.http().post(path, "token=a&token=b", "Content-Type", FORM,
                "Authorization", auth).json().get("error").asText());
        assertEquals("invalid_request", app.http().post(path + "?token=a", "", "Content-Type", FORM,
                "Authorization", auth).json().get("error").asText());
        assertEquals("invalid_request", app.http().post(path, "{\"token\":\"a\"}", "Content-Type", "application/json",
                "Authorization", auth).json().get("error").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {REVOKE, INTROSPECT})
    void endpointWhenGetThen405Envelope(String path) {
        Response r = app.http().get(path);
        assertEquals(405, r.status());
        assertEquals(405, r.json().get("status").get("code").asInt());
    }
}
