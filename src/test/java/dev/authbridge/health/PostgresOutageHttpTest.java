package dev.authbridge.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.testing.HttpTestClient;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.Postgres;
import dev.authbridge.testing.PostgresStores;
import dev.authbridge.testing.Race;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.StoreFaultLoad;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped under authbridge: every endpoint that needs the store answers 503
 * {@code STORE_UNAVAILABLE} within {@code store.connectTimeout} (never a 500, never a hang), at
 * twice the pool's size of requests at once; back, it serves again without a restart. Down at
 * boot: authbridge starts, is not ready (naming the store) and serves once the server is up.
 * Restarted under load: only 200s and those 503s, then every client is served again and every
 * token answered before the restart still works.
 */
class PostgresOutageHttpTest {
    private static final int POOL = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** A loaded 2-core machine: the bound is the timeout plus this much. */
    private static final Duration MARGIN = Duration.ofMillis(2500);

    private static Postgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPrivateServer() {
        pg = Postgres.start(Postgres.options());
    }

    @AfterAll
    static void stopIt() {
        pg.close();
    }

    private RunningApp start(PostgresStores store) {
        return RunningApp.start(store.demoConfig(dir, store.config(POOL, TIMEOUT)));
    }

    private static Response awaitReady(RunningApp app) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Response ready;
        do {
            ready = app.http.get("/health/ready");
        } while (ready.status() != 200 && System.nanoTime() < deadline);
        return ready;
    }

    @Test
    void everyEndpointWhenPostgresStoppedThen503WithinTheTimeoutAndBackWithoutARestart() {
        try (RunningApp app = start(PostgresStores.on(pg, "outage"))) {
            JsonNode tokens = app.http.signIn("demo\\agent1", "agent1-Secret!");
            String access = tokens.get("access_token").asText();
            String refresh = tokens.get("refresh_token").asText();
            String basic = HttpTestClient.basic("demo-client", "demo-secret");
            List<Function<HttpTestClient, Response>> requests = List.of(
                    http -> http.token("grant_type", "password", "username", "demo\\agent2", "password", "agent2-Secret!"),
                    http -> http.token("grant_type", "refresh_token", "refresh_token", refresh),
                    http -> http.token("grant_type", "client_credentials"),
                    http -> http.getWithBearer("/auth/v3/userinfo", access),
                    http -> http.getWithBearer("/auth/v3/openid/userinfo", access),
                    http -> http.getWithBearer("/auth/v3/jwt-userinfo", access),
                    http -> http.getWithBearer("/auth/v3/ping", access),
                    http -> http.post("/auth/v3/sign-out", "", "Authorization", "Bearer " + access),
                    http -> http.post("/auth/v3/oauth/revoke", "token=" + refresh, "Authorization", basic,
                            "Content-Type", "application/x-www-form-urlencoded"),
                    http -> http.post("/auth/v3/change-password",
                            "{\"data\":{\"oldPassword\":\"agent1-Secret!\",\"newPassword\":\"agent1-New-42!\"}}",
                            "Authorization", "Bearer " + access, "Content-Type", "application/json"));

            pg.stop();
            try {
                // Every kind of request twice, all at once: more than twice the pool's connections.
                List<Callable<Long>> calls = new ArrayList<>();
                for (int round = 0; round < 2; round++) {
                    for (Function<HttpTestClient, Response> request : requests) {
                        calls.add(() -> {
                            long started = System.nanoTime();
                            Response r = request.apply(app.http);
                            assertEquals(503, r.status(), r.body());
                            assertEquals("STORE_UNAVAILABLE", r.json().get("status").get("detail").get("reason").asText());
                            return (System.nanoTime() - started) / 1_000_000;
                        });
                    }
                }
                assertTrue(calls.size() >= 2 * POOL);
                for (long millis : Race.run(calls)) {
                    assertTrue(millis < TIMEOUT.plus(MARGIN).toMillis(), "answered after " + millis + " ms");
                }
                Response ready = app.http.get("/health/ready");
                assertEquals(503, ready.status());
                String reason = ready.json().get("reasons").get("store").asText();
                assertTrue(reason.startsWith("cannot commit: the database server refuses connections (08001)")
                        || reason.startsWith("cannot commit: no connection to the store"), reason);
            } finally {
                pg.start();
            }

            assertEquals(200, awaitReady(app).status(), "ready again without a restart");
            assertEquals(200, app.http.getWithBearer("/auth/v3/userinfo", access).status());
            assertTrue(app.http.signIn("demo\\agent2", "agent2-Secret!").has("access_token"));
        }
    }

    @Test
    void restartWhenUnderLoadThenOnly503StoreUnavailableThenServedAgainWithoutARestartAndNoTokenLost() {
        try (RunningApp app = start(PostgresStores.on(pg, "restart_under_load"));
                StoreFaultLoad load = StoreFaultLoad.start(app.baseUrl())) {
            load.awaitRequests(20);
            long fault = System.nanoTime();
            pg.stop();
            try {
                load.awaitUnavailable(8, Duration.ofSeconds(10));
            } finally {
                pg.start();
            }

            assertEquals(200, awaitReady(app).status(), "ready again without a restart");
            load.stopWhenEveryClientServedAgain(Duration.ofSeconds(20));
            load.assertOnly200Or503WithinAndNoTokenLost(TIMEOUT.plus(MARGIN), fault);
        }
    }

    @Test
    void startWhenPostgresDownThenStartsNotReadyNamingTheStoreThenMigratesAndServes() {
        PostgresStores store = PostgresStores.on(pg, "down_at_boot");
        pg.stop();
        RunningApp app;
        try {
            app = start(store);
            Response ready = app.http.get("/health/ready");
            assertEquals(503, ready.status(), ready.body());
            assertEquals("DOWN", ready.json().get("checks").get("store").asText());
            assertEquals("UP", ready.json().get("checks").get("directory").asText());
            Response token = app.http.token("grant_type", "password", "username", "demo\\agent1",
                    "password", "agent1-Secret!");
            assertEquals(503, token.status(), token.body());
            assertEquals(503, app.http.get("/auth/v3/jwks").status(), "no signing key loaded yet");
        } finally {
            pg.start();
        }
        try (app) {
            assertEquals(200, awaitReady(app).status());
            assertTrue(app.http.signIn("demo\\agent1", "agent1-Secret!").has("access_token"));
            assertEquals(200, app.http.get("/auth/v3/jwks").status());
        }
    }
}
