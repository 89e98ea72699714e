package dev.authbridge.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.DemoApp;
import dev.authbridge.testing.HttpTestClient.Response;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Metric labels take values from closed sets only: an unauthenticated caller choosing methods,
 * method-override headers and paths cannot add series (each one a histogram's worth of memory).
 */
class MetricsLabelsHttpTest {
    private static final String[] PATHS = {"/auth/v3/ping", "/auth/v3/userinfo", "/auth/v3/oauth/token", "/auth/v3/nope"};
    private static final String[] OVERRIDES = {"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"};

    @RegisterExtension
    static final DemoApp app = new DemoApp();

    @Test
    void metricsWhenThousandsOfRandomMethodsAndOverridesThenSeriesConstant() {
        Random random = new Random(42);
        series(); // the scrape's own series
        traffic(random, 200); // every kind of answer once, so each series that can exist does
        Set<String> before = series();
        traffic(random, 2000);
        Set<String> after = series();
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        assertEquals(Set.of(), added);
        assertEquals(before.size(), after.size());
        assertTrue(after.stream().noneMatch(s -> s.contains("method=X")), String.join("\n", after));
    }

    @Test
    void requestWhenMethodUnknownThen501Envelope() {
        Response r = app.http().method("FROBNICATE", "/auth/v3/ping");
        assertEquals(501, r.status(), r.body());
        assertEquals(501, r.json().get("status").get("code").asInt());
        assertEquals("/auth/v3/ping", r.json().get("path").asText());
    }

    @Test
    void requestWhenMethodOverriddenThenOverrideIgnored() {
        // A GET stays a GET (/ping without a token is 403; as DELETE it would be 405)...
        for (String header : OVERRIDES) {
            assertEquals(403, app.http().get("/auth/v3/ping", header, "DELETE").status(), header);
        }
        // ...and a POST never becomes the GET that /userinfo has.
        Response r = app.http().post("/auth/v3/userinfo", "", "X-HTTP-Method-Override", "GET");
        assertEquals(405, r.status(), r.body());
        assertEquals(405, r.json().get("status").get("code").asInt());
    }

    private static void traffic(Random random, int requests) {
        for (int i = 0; i < requests; i++) {
            String path = PATHS[random.nextInt(PATHS.length)];
            String[] headers = {OVERRIDES[random.nextInt(OVERRIDES.length)], token(random)};
            Response r = switch (i % 3) {
                case 0 -> app.http().method(token(random), path, headers);
                case 1 -> app.http().get(path, headers);
                default -> app.http().post(path, "", headers);
            };
            assertTrue(r.status() >= 400 && r.status() < 600, r.status() + " " + r.body());
        }
    }

    private static String token(Random random) {
        StringBuilder s = new StringBuilder("X");
        for (int i = 0; i < 6; i++) {
            s.append((char) ('A' + random.nextInt(26)));
        }
        return s.toString();
    }

    /** Every series of authbridge's own meters (JVM meters vary with the JVM's own life). */
    private static Set<String> series() {
        Response scrape = app.http().get("/metrics");
        assertEquals(200, scrape.status());
        Set<String> series = new TreeSet<>();
        List<PrometheusText.Sample> samples = PrometheusText.parse(scrape.body()).samples();
        for (PrometheusText.Sample s : samples) {
            if (s.name().startsWith("http_server_requests") || s.name().startsWith("authbridge_")) {
                series.add(s.name() + s.labels());
            }
        }
        return series;
    }
}
