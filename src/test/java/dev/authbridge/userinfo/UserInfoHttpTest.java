package dev.authbridge.userinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /userinfo} and {@code GET /openid/userinfo} over real HTTP, from the demo LDIF. */
class UserInfoHttpTest {
    private static final String DEMO_TENANT = "f91397f1-6bf6-4fcd-8623-4c4efd81e152";
    private static final String ENVIRONMENT = "0e3c4a35-5d52-4b8e-9f0f-2f6d1c7f3a10";

    @RegisterExtension
    static final DemoApp app = new DemoApp();

    private static String tokenFor(String user, String password) {
        return app.http().signIn(user, password).get("access_token").asText();
    }

    @Test
    void userinfoWhenAgentThenCloudUserDetailsFromDirectory() {
        Response r = app.http().getWithBearer("/auth/v3/userinfo", tokenFor("demo\\agent1", "agent1-Secret!"));
        assertEquals(200, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/json"));
        JsonNode me = r.json();
        assertEquals("agent1", me.get("loginName").asText());
        assertEquals("agent1", me.get("cmeUserName").asText());
        assertEquals(DEMO_TENANT, me.get("contactCenterId").asText());
        assertEquals(ENVIRONMENT, me.get("environmentId").asText());
        assertTrue(me.get("dbid").isIntegralNumber());
        assertEquals(DEMO_TENANT + ":" + me.get("dbid").asLong() + ":agent1", me.get("username").asText());
        JsonNode roles = me.get("authorities");
        assertTrue(roles.size() >= 1);
        assertEquals("ROLE_AGENTS", roles.get(0).get("name").asText());
        assertTrue(roles.get(0).get("privileges").size() >= 1);
        me.get("properties").fields().forEachRemaining(p -> assertTrue(p.getValue().isTextual(), p.getKey()));
    }

    @Test
    void userinfoWhenSupervisorThenRoleWithPrivileges() {
        JsonNode me = app.http().getWithBearer("/auth/v3/userinfo", tokenFor("demo\\supervisor1", "supervisor1-Secret!")).json();
        JsonNode supervisors = null;
        for (JsonNode role : me.get("authorities")) {
            if (role.get("name").asText().equals("ROLE_SUPERVISORS")) {
                supervisors = role;
            }
        }
        assertTrue(supervisors != null, me.toString());
        assertTrue(supervisors.get("privileges").size() >= 2);
    }

    @Test
    void userinfoWhenUserOutsideTenantsThenNoContactCenterNorDbid() {
        JsonNode me = app.http().getWithBearer("/auth/v3/userinfo", tokenFor("\\admin", "admin-Secret!")).json();
        assertEquals("admin", me.get("loginName").asText());
        assertEquals("\\admin", me.get("username").asText(), "the name they sign in with");
        assertFalse(me.has("contactCenterId"));
        assertFalse(me.has("dbid"));
        assertEquals("ROLE_ADMIN", me.get("authorities").get(0).get("name").asText());
    }

    @Test
    void openidUserinfoWhenAgentThenOpenIdShape() {
        Response r = app.http().getWithBearer("/auth/v3/openid/userinfo", tokenFor("demo\\agent1", "agent1-Secret!"));
        assertEquals(200, r.status(), r.body());
        JsonNode me = r.json();
        assertEquals("demo-client", me.get("aud").asText());
        assertEquals("agent1", me.get("user_name").asText());
        assertEquals(DEMO_TENANT, me.get("contact_center_id").asText());
        assertEquals(ENVIRONMENT, me.get("environment_id").asText());
        assertTrue(me.get("sub").asText().matches("[0-9a-fA-F-]{36}"), "sub is the entryUUID, not the DN");
        assertTrue(me.get("email").asText().contains("@"));
        assertTrue(me.hasNonNull("given_name") && me.hasNonNull("family_name"));
        assertTrue(me.get("authorities").isArray());
    }

    @Test
    void userinfoWhenSameLoginInTwoTenantsThenDifferentUsers() {
        JsonNode demo = app.http().getWithBearer("/auth/v3/openid/userinfo", tokenFor("demo\\agent1", "agent1-Secret!")).json();
        JsonNode acme = app.http().getWithBearer("/auth/v3/openid/userinfo", tokenFor("acme\\agent1", "acme-agent1-Secret!")).json();
        assertFalse(demo.get("sub").equals(acme.get("sub")));
        assertFalse(demo.get("contact_center_id").equals(acme.get("contact_center_id")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "bearer", "BEARER"})
    void userinfoWhenSchemeAnyCaseThenAccepted(String scheme) {
        String token = tokenFor("demo\\agent2", "agent2-Secret!");
        Response r = app.http().get("/auth/v3/userinfo", "Authorization", scheme + " " + token,
                "Content-Type", "application/json", "x-api-key", "key", "Accept", "*/*");
        assertEquals(200, r.status(), r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer ", "Bearer garbage", "Bearer 00000000-0000-0000-0000-000000000000",
            "Basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ=", "Bearer ' OR 1=1 --"})
    void userinfoWhenTokenMissingOrGarbageThen401Envelope(String authorization) {
        Response r = authorization.isEmpty()
                ? app.http().get("/auth/v3/userinfo")
                : app.http().get("/auth/v3/userinfo", "Authorization", authorization);
        assertEquals(401, r.status(), r.body());
        assertEquals(401, r.json().get("status").get("code").asInt());
        assertEquals("/auth/v3/userinfo", r.json().get("path").asText());
    }

    @Test
    void userinfoWhenRefreshTokenPresentedThen401() {
        String refresh = app.http().signIn("demo\\agent3", "agent3-Secret!").get("refresh_token").asText();
        assertEquals(401, app.http().getWithBearer("/auth/v3/userinfo", refresh).status());
    }

    @Test
    void userinfoWhenTokenExpiredThen401() {
        String token = tokenFor("demo\\agent4", "agent4-Secret!");
        app.clock().advance(Duration.ofHours(13));
        try {
            assertEquals(401, app.http().getWithBearer("/auth/v3/userinfo", token).status());
        } finally {
            app.clock().advance(Duration.ofHours(-13));
        }
    }

    @Test
    void userinfoWhenPostThen405() {
        assertEquals(405, app.http().post("/auth/v3/userinfo", "").status());
    }
}
