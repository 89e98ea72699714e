package dev.authbridge.e2e;

import static dev.authbridge.authorize.BrowserClients.DEMO_REDIRECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.authbridge.authorize.SignInClient;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.jwt.KeyRotationCommand;
import dev.authbridge.testing.DemoDirectory;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.PostgresStores;
import dev.authbridge.testing.RunningApp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two authbridge instances (in-process, each with its own copy of the demo directory) on one
 * PostgreSQL database: what one does, the other sees — tokens, revocations, the sign-in form's
 * key, browser sessions — and what one instance changes drops the other's cached user within a
 * second (the store's change feed).
 */
class SharedStoreHttpTest {
    private static final String PEOPLE = ",ou=people,ou=demo,dc=example,dc=com";
    private static final String DEMO = SignInClient.authorize("client_id", "demo-client", "response_type", "code",
            "redirect_uri", DEMO_REDIRECT, "state", "s-1");
    private static final PostgresStores PG = PostgresStores.create("shared_apps");

    private static AuthbridgeConfig aConfig;
    private static RunningApp a;
    private static RunningApp b;
    private static int bDirectoryPort;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            bDirectoryPort = s.getLocalPort();
        }
        aConfig = PG.demoConfig(Files.createTempDirectory("authbridge-a")).build();
        a = RunningApp.start(aConfig);
        b = RunningApp.start(PG.demoConfig(Files.createTempDirectory("authbridge-b"))
                .withEmbedded(e -> e.withPort(bDirectoryPort).withAdministrators(List.of(DemoDirectory.ADMIN_DN))));
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    private static void setTitleInBsDirectory(String uid, String title) throws Exception {
        try (LDAPConnection ldap = new LDAPConnection("127.0.0.1", bDirectoryPort, DemoDirectory.ADMIN_DN,
                DemoDirectory.ADMIN_PASSWORD)) {
            ldap.modify("uid=" + uid + PEOPLE, new Modification(ModificationType.REPLACE, "title", title));
        }
    }

    private static String title(RunningApp app, String token) {
        HttpTestClient.Response r = app.http.getWithBearer("/auth/v3/userinfo", token);
        assertEquals(200, r.status(), r.body());
        return r.json().get("properties").get("title").asText();
    }

    /** Polls B's /userinfo until it shows {@code expected}; returns how long that took. */
    private static Duration awaitTitle(String token, String expected) throws InterruptedException {
        long started = System.nanoTime();
        while (!title(b, token).equals(expected)) {
            if (System.nanoTime() - started > Duration.ofSeconds(3).toNanos()) {
                throw new AssertionError("B kept its cached user for 3 s");
            }
            Thread.sleep(20);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Test
    void tokensWhenIssuedByOneInstanceThenAnotherServesRefreshesAndRevokesThem() {
        JsonNode signIn = a.http.signIn("demo\\agent2", "agent2-Secret!");
        String access = signIn.get("access_token").asText();

        assertEquals(200, b.http.getWithBearer("/auth/v3/userinfo", access).status());
        HttpTestClient.Response refreshed = b.http.token("grant_type", "refresh_token",
                "refresh_token", signIn.get("refresh_token").asText());
        assertEquals(200, refreshed.status(), refreshed.body());
        assertEquals(400, a.http.token("grant_type", "refresh_token", "refresh_token",
                signIn.get("refresh_token").asText()).status(), "the used refresh token, replayed on A");
        assertEquals(401, b.http.getWithBearer("/auth/v3/userinfo", refreshed.json().get("access_token").asText()).status(),
                "the replay on A revoked the family B refreshed");
    }

    @Test
    void signOutWhenOnOneInstanceThenTheOthersCachedUserDroppedWithinOneSecond() throws Exception {
        String ended = a.http.signIn("demo\\agent1", "agent1-Secret!").get("access_token").asText();
        String kept = a.http.signIn("demo\\agent1", "agent1-Secret!").get("access_token").asText();
        setTitleInBsDirectory("agent1", "Agent");
        assertEquals("Agent", title(b, kept), "B reads the user and caches it");
        setTitleInBsDirectory("agent1", "Supervisor");
        assertEquals("Agent", title(b, kept), "B answers from its cache (directory.userCacheTtl is 30 s)");

        assertEquals(200, a.http.post("/auth/v3/sign-out", "", "Authorization", "Bearer " + ended).status());

        Duration took = awaitTitle(kept, "Supervisor");
        assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "B dropped its cached user after " + took);
        assertEquals(401, b.http.getWithBearer("/auth/v3/userinfo", ended).status(), "revoked on A, refused by B");
    }

    @Test
    void changePasswordWhenOnOneInstanceThenTheOthersCachedUserDroppedWithinOneSecond() throws Exception {
        String caller = a.http.signIn("demo\\agent3", "agent3-Secret!").get("access_token").asText();
        String other = a.http.signIn("demo\\agent3", "agent3-Secret!").get("access_token").asText();
        setTitleInBsDirectory("agent3", "Agent");
        assertEquals("Agent", title(b, caller));
        setTitleInBsDirectory("agent3", "Team Lead");
        assertEquals("Agent", title(b, caller), "cached on B");

        HttpTestClient.Response changed = a.http.post("/auth/v3/change-password",
                "{\"data\":{\"oldPassword\":\"agent3-Secret!\",\"newPassword\":\"agent3-Changed-42!\"}}",
                "Authorization", "Bearer " + caller, "Content-Type", "application/json");

        assertEquals(200, changed.status(), changed.body());
        assertEquals(401, b.http.getWithBearer("/auth/v3/userinfo", other).status(), "the user's other tokens end");
        Duration took = awaitTitle(caller, "Team Lead");
        assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "B dropped its cached user after " + took);
    }

    private static String activeKid(RunningApp app) {
        return app.http.get("/auth/v3/jwks").json().get("keys").get(0).get("kid").asText();
    }

    @Test
    void keysRotateWhenRunBesideTheInstancesThenEveryJwksShowsItWithinASecond() throws Exception {
        String before = activeKid(a);
        assertEquals(before, activeKid(b));
        AuthbridgeConfig config = aConfig;
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertEquals(0, KeyRotationCommand.rotate(config, Clock.systemUTC(), new PrintStream(out), new PrintStream(out)),
                out.toString());

        long started = System.nanoTime();
        while (activeKid(a).equals(before) || activeKid(b).equals(before)) {
            assertTrue(System.nanoTime() - started < Duration.ofSeconds(1).toNanos(),
                    "the rotation reached every instance's JWKS within a second");
            Thread.sleep(20);
        }
        assertEquals(activeKid(a), activeKid(b));
    }

    @Test
    void signInFormWhenShownByOneInstanceThenPostedToTheOtherAndSingleSignOnOnTheFirst() {
        SignInClient onA = new SignInClient(a.baseUrl());
        SignInClient onB = new SignInClient(b.baseUrl());
        HttpTestClient.Response page = onA.get(DEMO);
        assertEquals(200, page.status());
        onB.cookies().putAll(onA.cookies());

        HttpTestClient.Response posted = onB.submit(page, "agent4", "agent4-Secret!", "demo");

        assertEquals(303, posted.status(), "B accepts the form A showed: one CSRF key in the store; " + posted.body());
        onA.cookies().putAll(onB.cookies());
        HttpTestClient.Response sso = onA.get(DEMO);
        assertEquals(302, sso.status(), "A signs in by the session B started");
        assertTrue(sso.header("Location").startsWith(DEMO_REDIRECT + "?code="), sso.header("Location"));
    }
}
