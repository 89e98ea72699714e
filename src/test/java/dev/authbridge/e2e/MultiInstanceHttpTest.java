package dev.authbridge.e2e;

import static dev.authbridge.authorize.BrowserClients.DEMO_REDIRECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.authorize.SignInClient;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.jwt.KeyRotationCommand;
import dev.authbridge.testing.AuthbridgeProcess;
import dev.authbridge.testing.Haproxy;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.Load;
import dev.authbridge.testing.PostgresStores;
import dev.authbridge.testing.Race;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three authbridge processes on one PostgreSQL database behind a real haproxy (round robin,
 * health-checked on {@code /health/ready}), every request through it: what one instance issues
 * or changes, the others serve or see. haproxy names the instance that answered
 * ({@link Haproxy#SERVED_BY}), and a request may be pinned to one ({@link Haproxy#ROUTE_TO}), so
 * each case says which instance does what. The three processes are shared by the cases (each
 * its own user); the one that kills an instance runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiInstanceHttpTest {
    private static final String DEMO = SignInClient.authorize("client_id", "demo-client", "response_type", "code",
            "redirect_uri", DEMO_REDIRECT, "state", "s-1");
    private static final PostgresStores PG = PostgresStores.create("multi_instance");

    private static AuthbridgeConfig config;
    private static List<AuthbridgeProcess> nodes = List.of();
    private static Haproxy lb;
    private static HttpTestClient http;

    @BeforeAll
    static void startThreeInstancesBehindHaproxy() throws Exception {
        config = PG.demoConfig(Files.createTempDirectory("authbridge-multi")).build();
        nodes = Race.run(3, () -> AuthbridgeProcess.start(PG.demoConfig(Files.createTempDirectory("authbridge-node"))));
        for (AuthbridgeProcess node : nodes) {
            node.awaitReady(Duration.ofSeconds(30));
        }
        lb = Haproxy.start(Haproxy.options().backends(nodes.stream().map(AuthbridgeProcess::hostPort).toList()));
        lb.awaitTraffic(Set.copyOf(lb.backends()), Duration.ofSeconds(10));
        http = new HttpTestClient(lb.url());
    }

    @AfterAll
    static void stopThem() {
        if (lb != null) {
            lb.close();
        }
        nodes.forEach(AuthbridgeProcess::close);
    }

    private static String backend(int node) {
        return nodes.get(node).hostPort();
    }

    /** {@code headers} and the header that pins the request to {@code node}. */
    private static String[] on(int node, String... headers) {
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = Haproxy.ROUTE_TO;
        all[headers.length + 1] = backend(node);
        return all;
    }

    private static Response served(int node, Response r) {
        assertEquals(backend(node), r.header(Haproxy.SERVED_BY), "the instance that answered " + r.status());
        return r;
    }

    /** The token endpoint on {@code node}, as the demo client. */
    private static Response token(int node, String... kv) {
        return served(node, http.post("/auth/v3/oauth/token", HttpTestClient.form(HttpTestClient.fields(kv)),
                on(node, "Content-Type", "application/x-www-form-urlencoded",
                        "Authorization", HttpTestClient.basic("demo-client", "demo-secret"))));
    }

    private static JsonNode signIn(int node, String user, String password) {
        Response r = token(node, "grant_type", "password", "username", user, "password", password);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static Response refresh(int node, String refreshToken) {
        return token(node, "grant_type", "refresh_token", "refresh_token", refreshToken);
    }

    private static int userinfo(int node, String access) {
        return served(node, http.get("/auth/v3/userinfo", on(node, "Authorization", "Bearer " + access))).status();
    }

    private static String activeKid(int node) {
        return served(node, http.get("/auth/v3/jwks", on(node))).json().get("keys").get(0).get("kid").asText();
    }

    /** A code for {@code user} from the sign-in page shown and posted on {@code node}. */
    private static String code(int node, String user, String password) {
        SignInClient browser = new SignInClient(lb.url());
        Response page = served(node, browser.get(DEMO, on(node)));
        assertEquals(200, page.status(), page.body());
        Response posted = served(node, post(browser, page, user, password, node));
        assertEquals(303, posted.status(), posted.body());
        return SignInClient.parameters(posted.header("Location")).get("code");
    }

    private static Response post(SignInClient browser, Response page, String user, String password, int node) {
        Map<String, String> fields = SignInClient.hiddenFields(page.body());
        fields.put("username", user);
        fields.put("password", password);
        return browser.post(SignInClient.SIGN_IN, fields, on(node));
    }

    private static Response redeem(int node, String code) {
        return token(node, "grant_type", "authorization_code", "code", code, "redirect_uri", DEMO_REDIRECT);
    }

    @Test
    @Order(1)
    void requestsWhenNotPinnedThenRoundRobinOverEveryInstance() {
        Set<String> answered = new TreeSet<>();
        for (int i = 0; i < 6; i++) {
            Response r = http.get("/health/ready");
            assertEquals(200, r.status(), r.body());
            answered.add(r.header(Haproxy.SERVED_BY));
        }
        assertEquals(new TreeSet<>(lb.backends()), answered);
    }

    @Test
    @Order(2)
    void passwordGrantWhenAnsweredByOneInstanceThenItsUserinfoRefreshAndSignOutByTheOthers() {
        JsonNode tokens = signIn(0, "demo\\agent1", "agent1-Secret!");

        assertEquals(200, userinfo(1, tokens.get("access_token").asText()));
        Response refreshed = refresh(2, tokens.get("refresh_token").asText());
        assertEquals(200, refreshed.status(), refreshed.body());
        String access = refreshed.json().get("access_token").asText();
        assertEquals(200, userinfo(0, access));
        assertEquals(200, served(1, http.post("/auth/v3/sign-out", "", on(1, "Authorization", "Bearer " + access)))
                .status());

        for (int node = 0; node < 3; node++) {
            assertEquals(401, userinfo(node, access), "signed out on 1, refused by " + node);
        }
        assertEquals(400, refresh(0, refreshed.json().get("refresh_token").asText()).status(),
                "the sign-in's refresh token ended too");
    }

    @Test
    @Order(3)
    void signInPageWhenShownByOneInstanceThenPostedToAnotherAndSingleSignOnOnAThird() {
        SignInClient browser = new SignInClient(lb.url());
        Response page = served(0, browser.get(DEMO, on(0)));
        assertEquals(200, page.status(), page.body());

        Response posted = served(1, post(browser, page, "demo\\agent2", "agent2-Secret!", 1));

        assertEquals(303, posted.status(), "1 accepts the form 0 showed (one CSRF key, in the store): " + posted.body());
        assertTrue(posted.header("Location").startsWith(DEMO_REDIRECT + "?code="), posted.header("Location"));
        Response sso = served(2, browser.get(DEMO, on(2)));
        assertEquals(302, sso.status(), "2 signs in by the browser session 1 started: " + sso.body());
        assertTrue(sso.header("Location").startsWith(DEMO_REDIRECT + "?code="), sso.header("Location"));
    }

    @Test
    @Order(4)
    void codeWhenIssuedByOneInstanceThenRedeemedByAnotherAndItsReplayRefusedByAThird() {
        String code = code(0, "demo\\agent3", "agent3-Secret!");

        Response first = redeem(1, code);
        assertEquals(200, first.status(), first.body());
        Response replay = redeem(2, code);

        assertEquals(400, replay.status(), replay.body());
        assertEquals("invalid_grant", replay.json().get("error").asText());
        assertEquals(401, userinfo(0, first.json().get("access_token").asText()),
                "the replay revoked what the code gave (RFC 6749 §4.1.2), on every instance");
    }

    @Test
    @Order(5)
    void globalSignOutWhenOnOneInstanceThenEveryInstanceRefusesEveryTokenOfTheUserAtOnce() {
        List<String> access = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            access.add(signIn(node, "demo\\agent5", "agent5-Secret!").get("access_token").asText());
            assertEquals(200, userinfo((node + 1) % 3, access.get(node)));
        }

        assertEquals(200, served(0, http.post("/auth/v3/sign-out?global=true", "",
                on(0, "Authorization", "Bearer " + access.get(0)))).status());

        for (int node = 0; node < 3; node++) {
            for (String token : access) {
                assertEquals(401, userinfo(node, token), "instance " + node + ", right after the sign-out on 0");
            }
        }
    }

    @Test
    @Order(6)
    void lockoutWhenWrongPasswordsSpreadOverTheInstancesThenCountedTogetherAndLockedOnEvery() {
        for (int i = 1; i <= 11; i++) {
            Response r = token(i % 3, "grant_type", "password", "username", "demo\\agent4", "password", "wrong-" + i);
            assertEquals(400, r.status(), r.body());
            if (i <= 10) {
                assertNull(r.header("Retry-After"), "attempt " + i + ": the shipped limit is 10 per user");
            } else {
                assertEquals("300", r.header("Retry-After"), "the 11th, after 10 counted on three instances");
            }
        }
        for (int node = 0; node < 3; node++) {
            Response right = token(node, "grant_type", "password", "username", "demo\\agent4",
                    "password", "agent4-Secret!");
            assertEquals(400, right.status(), "locked on " + node + " too");
            assertEquals("300", right.header("Retry-After"));
        }
    }

    @Test
    @Order(7)
    void keysRotatedBesideTheInstancesThenEveryJwksShowsTheNewKeyWithinTheReReadInterval() throws Exception {
        String before = activeKid(0);
        assertEquals(before, activeKid(1));
        assertEquals(before, activeKid(2));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertEquals(0, KeyRotationCommand.rotate(config, Clock.systemUTC(), new PrintStream(out), new PrintStream(out)),
                out.toString());

        // The change feed tells every instance within a second; the one-minute re-read is the fallback.
        long started = System.nanoTime();
        for (int node = 0; node < 3; node++) {
            while (activeKid(node).equals(before)) {
                assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos(),
                        "instance " + node + " still publishes the old key first after 5 s");
                Thread.sleep(20);
            }
        }
        assertEquals(activeKid(0), activeKid(1));
        assertEquals(activeKid(0), activeKid(2));
    }

    @Test
    @Order(8)
    void refreshWhenTheSameTokenGoesToTwoInstancesAtOnceThenExactlyOneNewPairAndTheFamilyRevoked() {
        for (int round = 0; round < 3; round++) {
            JsonNode tokens = signIn(0, "demo\\agent6", "agent6-Secret!");
            String refreshToken = tokens.get("refresh_token").asText();

            List<Response> answers = Race.run(List.<Callable<Response>>of(
                    () -> refresh(1, refreshToken), () -> refresh(2, refreshToken)));

            List<Response> won = answers.stream().filter(r -> r.status() == 200).toList();
            assertEquals(1, won.size(), "round " + round + ": " + answers.stream().map(Response::body).toList());
            Response lost = answers.stream().filter(r -> r.status() != 200).findFirst().orElseThrow();
            assertEquals(400, lost.status(), lost.body());
            assertEquals("invalid_grant", lost.json().get("error").asText());
            assertEquals(401, userinfo(0, won.get(0).json().get("access_token").asText()),
                    "the token used twice revoked its family, the new pair too");
            assertEquals(400, refresh(0, won.get(0).json().get("refresh_token").asText()).status());
        }
    }

    /**
     * Exactly one instance redeems the code and issues one token set; the other's replay is
     * refused and revokes that set (RFC 6749 §4.1.2) — or, when it lands before the set is bound
     * to the code, the winner finds the replay, revokes its own set and refuses too. Either way
     * no set issued for a code presented twice stays usable.
     */
    @Test
    @Order(9)
    void codeWhenTheSameCodeGoesToTwoInstancesAtOnceThenOneTokenSetIssuedAndNoneLeftLive() throws Exception {
        for (int round = 0; round < 3; round++) {
            String code = code(0, "demo\\agent3", "agent3-Secret!");
            long[] before = tokenRows();

            List<Response> answers = Race.run(List.<Callable<Response>>of(() -> redeem(1, code), () -> redeem(2, code)));

            String bodies = "round " + round + ": " + answers.stream().map(Response::body).toList();
            assertTrue(answers.stream().filter(r -> r.status() == 200).count() <= 1, bodies);
            for (Response r : answers) {
                if (r.status() == 200) {
                    assertEquals(401, userinfo(0, r.json().get("access_token").asText()), bodies);
                } else {
                    assertEquals(400, r.status(), bodies);
                    assertTrue(r.json().get("error_description").asText().contains("already used"), bodies);
                }
            }
            long[] after = tokenRows();
            assertEquals(2, after[0] - before[0], "one access and one refresh token issued; " + bodies);
            assertEquals(before[1], after[1], "none of them live; " + bodies);
        }
    }

    /** The rows of the {@code tokens} table, and those not revoked. */
    private static long[] tokenRows() throws Exception {
        try (Connection c = PG.server().connectAsSuperuser(PG.database()); Statement s = c.createStatement()) {
            var rows = s.executeQuery("SELECT COUNT(*), COUNT(*) FILTER (WHERE revoked_at IS NULL) FROM tokens");
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        }
    }

    /**
     * Four clients through haproxy, each signing in and reading its userinfo in turn, while one
     * instance is killed: only the requests that instance had in flight fail (haproxy sends the
     * next ones elsewhere: a refused connection is retried on another instance, and the failing
     * health check takes it out), and every token answered before the kill works on the others.
     */
    @Test
    @Order(100)
    void killNineOfOneInstanceUnderLoadThenOnlyItsRequestsInFlightFailAndEveryTokenStillWorks() {
        List<String> users = List.of("demo\\agent7", "demo\\agent8", "demo\\supervisor1", "demo\\supervisor2");
        ConcurrentLinkedQueue<Answered> answered = new ConcurrentLinkedQueue<>();
        List<Load.Outcome> outcomes;
        long killing;
        long killed;
        try (Load load = Load.start(users.size(), Duration.ofSeconds(60), thread -> Load.signInThenUserinfo(
                new HttpTestClient(lb.url()), users.get(thread), password(users.get(thread)),
                (at, access) -> answered.add(new Answered(at, access))))) {
            load.awaitOutcomes(40);
            killing = System.nanoTime();
            nodes.get(2).kill9();
            killed = System.nanoTime();
            lb.awaitTraffic(Set.of(backend(0), backend(1)), Duration.ofSeconds(10));
            load.awaitOutcomes(load.snapshot().size() + 40);
            outcomes = load.stop();
        }

        List<Load.Outcome> failed = Load.except(outcomes, Load.Outcome::ok);
        assertTrue(failed.size() <= users.size(), "at most one request per client in flight: " + failed);
        for (Load.Outcome failure : failed) {
            assertTrue(failure.startedNanos() <= killed && failure.endedNanos() >= killing,
                    "failed but not in flight during the kill: " + failure);
        }
        List<String> before = answered.stream().filter(a -> a.at < killing).map(a -> a.access).toList();
        assertTrue(before.size() >= 10, "tokens issued before the kill: " + before.size());
        List<String> refused = before.stream().filter(access -> http.getWithBearer("/auth/v3/userinfo", access)
                .status() != 200).toList();
        assertEquals(List.of(), refused, "every token answered 200 before the kill works on the two left; outcomes "
                + Load.counts(outcomes));
        System.out.println("kill -9 under load: " + outcomes.size() + " requests, "
                + outcomes.stream().collect(Collectors.groupingBy(Load.Outcome::status, Collectors.counting()))
                + "; " + before.size() + " tokens from before the kill all still work");
    }

    private record Answered(long at, String access) {}

    /** The demo directory's password of {@code demo\\name}. */
    private static String password(String user) {
        return user.substring(user.indexOf('\\') + 1) + "-Secret!";
    }
}
