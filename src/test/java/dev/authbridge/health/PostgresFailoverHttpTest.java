package dev.authbridge.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.Postgres;
import dev.authbridge.testing.PostgresStores;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.StoreFaultLoad;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A primary killed and its streaming standby promoted, authbridge on pgjdbc's multi-host URL
 * ({@code targetServerType=primary}): a few seconds of 503s, then every token answered before
 * the failover still works (replication is synchronous, as the README asks for no committed
 * token to be lost). Under load meanwhile: only 200s and 503 {@code STORE_UNAVAILABLE}, every
 * client served again after it.
 */
class PostgresFailoverHttpTest {
    /** A loaded 2-core machine: an answer's bound is the store's timeout plus this much. */
    private static final Duration MARGIN = Duration.ofMillis(2500);

    @TempDir
    Path dir;

    @Test
    void failoverWhenPrimaryKilledAndStandbyPromotedThenBackWithinSecondsAndNoTokenLost() throws Exception {
        try (Postgres primary = Postgres.start(Postgres.options());
                Postgres standby = Postgres.standbyOf(primary)) {
            try (Connection c = primary.connectAsSuperuser("postgres"); Statement s = c.createStatement()) {
                s.execute("ALTER SYSTEM SET synchronous_standby_names = '*'");
                s.execute("SELECT pg_reload_conf()");
            }
            PostgresStores store = PostgresStores.on(primary, primary.database());
            String url = Postgres.multiHostJdbcUrl(primary, standby);
            try (RunningApp app = RunningApp.start(store.demoConfig(dir,
                    store.config(url, 4, Duration.ofSeconds(1))))) {
                List<JsonNode> before = new ArrayList<>();
                for (int i = 1; i <= 5; i++) {
                    before.add(app.http.signIn("demo\\agent" + i, "agent" + i + "-Secret!"));
                }

                Duration unavailable;
                try (StoreFaultLoad load = StoreFaultLoad.start(app.baseUrl())) {
                    load.awaitRequests(20);
                    primary.kill();
                    long killed = System.nanoTime();
                    standby.promote();
                    long deadline = killed + Duration.ofSeconds(20).toNanos();
                    while (app.http.get("/health/ready").status() != 200) {
                        assertTrue(System.nanoTime() < deadline, "ready again on the new primary within 20 s");
                        Thread.sleep(50);
                    }
                    unavailable = Duration.ofNanos(System.nanoTime() - killed);
                    load.stopWhenEveryClientServedAgain(Duration.ofSeconds(20));
                    load.assertOnly200Or503WithinAndNoTokenLost(Duration.ofSeconds(1).plus(MARGIN), killed);
                }

                System.out.println("failover: ready on the promoted standby " + unavailable.toMillis() + " ms after the kill");
                assertTrue(unavailable.compareTo(Duration.ofSeconds(15)) < 0, "503s for " + unavailable);
                for (JsonNode tokens : before) {
                    Response info = app.http.getWithBearer("/auth/v3/userinfo", tokens.get("access_token").asText());
                    assertEquals(200, info.status(), info.body());
                    Response refreshed = app.http.token("grant_type", "refresh_token",
                            "refresh_token", tokens.get("refresh_token").asText());
                    assertEquals(200, refreshed.status(), refreshed.body());
                }
                assertTrue(app.http.signIn("demo\\agent6", "agent6-Secret!").has("access_token"), "writes on the new primary");
            }
        }
    }
}
