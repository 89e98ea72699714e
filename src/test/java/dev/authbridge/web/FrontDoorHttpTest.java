package dev.authbridge.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.api.PublicUrl;
import dev.authbridge.config.HttpLimits;
import dev.authbridge.config.NetworkRange;
import dev.authbridge.config.ServerConfig;
import dev.authbridge.testing.RawHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;


/**
 * The listener's bounds ({@link HttpLimits}) on the real HTTP server, spoken to over raw sockets:
 * header and body deadlines, the minimum upload rate, the per-address and total connection
 * caps, the per-client cap behind a trusted proxy, the concurrency cap.
 */
class FrontDoorHttpTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Routes ROUTES = r -> {
        r.get(PublicUrl.BASE_PATH + "/hello", ctx -> ctx.result("hello"));
        r.post(PublicUrl.BASE_PATH + "/echo", ctx -> ctx.result("got " + ctx.body().length()));
    };

    private static HttpLimits limits(Duration headerTimeout, Duration bodyTimeout, long minRate, int maxConnections,
            int perAddress, int concurrent) {
        return new HttpLimits(8 * 1024, Duration.ofSeconds(30), headerTimeout, bodyTimeout, minRate, maxConnections,
                perAddress, concurrent);
    }

    private static HttpServer server(HttpLimits limits, Routes routes, String... trustedProxies) {
        List<NetworkRange> proxies = new ArrayList<>();
        for (String p : trustedProxies) {
            proxies.add(NetworkRange.parse(p));
        }
        ServerConfig config = new ServerConfig("127.0.0.1", 0, 64 * 1024, null, null, proxies, limits);
        return new HttpServer(config, List.of(routes)).start();
    }

    private static String post(int length) {
        return "POST /auth/v3/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + length
                + "\r\n\r\n";
    }

    @Test
    void bodyWhenSentBelowMinimumRateThen408Envelope() throws Exception {
        try (HttpServer server = server(limits(Duration.ofSeconds(10), Duration.ofSeconds(20), 512, 100, 10, 10), ROUTES);
                RawHttp slow = RawHttp.connect(server.port())) {
            slow.send(post(100) + "{");
            Thread.sleep(1500);
            slow.send("\"");
            RawHttp.Response r = slow.read(WAIT);
            assertEnvelope(r, 408);
            assertTrue(r.json().get("status").get("message").asText().contains("too slowly"), r.body());
        }
    }

    @Test
    void bodyWhenNotWholeWithinBodyTimeoutThen408Envelope() {
        try (HttpServer server = server(limits(Duration.ofSeconds(10), Duration.ofSeconds(1), 0, 100, 10, 10), ROUTES);
                RawHttp slow = RawHttp.connect(server.port())) {
            long start = System.nanoTime();
            slow.send(post(100) + "{\"a\":");
            RawHttp.Response r = slow.read(WAIT);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEnvelope(r, 408);
            assertTrue(millis >= 900 && millis < 5000, millis + " ms");
        }
    }

    @Test
    void bodyWhenWholeThenRouteReadsIt() {
        try (HttpServer server = server(HttpLimits.DEFAULTS, ROUTES); RawHttp http = RawHttp.connect(server.port())) {
            RawHttp.Response r = http.send(post(4) + "{\"a\"").read(WAIT);
            assertEquals(200, r.status(), r.body());
            assertEquals("got 4", r.body());
            // chunked, in pieces, on the same connection
            http.send("POST /auth/v3/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
            RawHttp.Response chunked = http.send("2\r\nde\r\n0\r\n\r\n").read(WAIT);
            assertEquals("got 5", chunked.body());
        }
    }

    @Test
    void bodyWhenDeclaredTooLargeAndClientWaitsForContinueThen413AtOnce() {
        try (HttpServer server = server(HttpLimits.DEFAULTS, ROUTES); RawHttp http = RawHttp.connect(server.port())) {
            RawHttp.Response r = http.send("POST /auth/v3/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n"
                    + "Expect: 100-continue\r\n\r\n").read(WAIT);
            assertEnvelope(r, 413);
        }
    }

    @Test
    void bodyWhenTooLargeThenReadThrough413AndConnectionUsable() {
        try (HttpServer server = server(HttpLimits.DEFAULTS, ROUTES); RawHttp http = RawHttp.connect(server.port())) {
            int length = 300 * 1024;
            http.send(post(length)).send(new byte[length]);
            assertEnvelope(http.read(WAIT), 413);
        }
    }

    @Test
    void headersWhenNotWholeWithinHeaderTimeoutThenClosed() throws Exception {
        try (HttpServer server = server(limits(Duration.ofSeconds(1), Duration.ofSeconds(20), 512, 100, 10, 10), ROUTES);
                RawHttp slow = RawHttp.connect(server.port())) {
            long start = System.nanoTime();
            slow.send("GET /auth/v3/hello HTTP/1.1\r\nHost: x\r\n");
            boolean closed = false;
            // One header line every 200 ms: never idle, never done.
            for (int i = 0; i < 25 && !closed; i++) {
                closed = slow.closedWithin(Duration.ofMillis(200));
                if (!closed) {
                    try {
                        slow.send("X-Slow-" + i + ": 1\r\n");
                    } catch (RuntimeException e) {
                        closed = true;
                    }
                }
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(closed, "still open after " + millis + " ms");
            assertTrue(millis >= 900 && millis < 4000, millis + " ms");
        }
    }

    @Test
    void connectionWhenIdleBetweenRequestsThenNotCutByHeaderTimeout() throws Exception {
        try (HttpServer server = server(limits(Duration.ofMillis(500), Duration.ofSeconds(20), 512, 100, 10, 10), ROUTES);
                RawHttp http = RawHttp.connect(server.port())) {
            assertEquals(200, http.send("GET /auth/v3/hello HTTP/1.1\r\nHost: x\r\n\r\n").read(WAIT).status());
            Thread.sleep(1500);
            assertEquals(200, http.send("GET /auth/v3/hello HTTP/1.1\r\nHost: x\r\n\r\n").read(WAIT).status());
        }
    }

    @Test
    void connectionsWhenOverPerAddressCapThenClosedAndOtherAddressesServed() throws Exception {
        try (HttpServer server = server(limits(Duration.ofSeconds(10), Duration.ofSeconds(20), 512, 100, 3, 10), ROUTES)) {
            List<RawHttp> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    RawHttp http = RawHttp.connect("127.0.0.3", server.port());
                    held.add(http);
                    assertEquals(200, hello(http).status());
                }
                try (RawHttp fourth = RawHttp.connect("127.0.0.3", server.port())) {
                    assertTrue(fourth.closedWithin(Duration.ofSeconds(5)), "a 4th connection from 127.0.0.3 was kept");
                }
                try (RawHttp other = RawHttp.connect("127.0.0.4", server.port())) {
                    assertEquals(200, hello(other).status());
                }
                held.remove(0).close();
                assertTrue(servedWithin(server.port(), "127.0.0.3", Duration.ofSeconds(5)),
                        "the closed connection's place was not given back");
            } finally {
                held.forEach(RawHttp::close);
            }
        }
    }

    @Test
    void requestsViaTrustedProxyWhenOverPerClientCapThen429AndOtherClientsServed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(2);
        Routes both = r -> {
            ROUTES.mount(r);
            r.get(PublicUrl.BASE_PATH + "/slow", ctx -> {
                entered.countDown();
                release.await(10, TimeUnit.SECONDS);
                ctx.result("slow");
            });
        };
        String forClient7 = "Host: x\r\nX-Forwarded-For: 192.0.2.7\r\n";
        try (HttpServer server = server(limits(Duration.ofSeconds(10), Duration.ofSeconds(20), 0, 100, 2, 10), both,
                "127.0.0.0/8"); RawHttp first = RawHttp.connect(server.port()); RawHttp second = RawHttp.connect(server.port())) {
            // The proxy's own connections are not capped per address: three of them are served.
            first.send("GET /auth/v3/slow HTTP/1.1\r\n" + forClient7 + "\r\n");
            second.send("GET /auth/v3/slow HTTP/1.1\r\n" + forClient7 + "\r\n");
            assertTrue(entered.await(10, TimeUnit.SECONDS), "both requests of 192.0.2.7 in progress");
            try (RawHttp third = RawHttp.connect(server.port())) {
                RawHttp.Response r = third.send(post(2).replace("Host: x\r\n", forClient7) + "{}").read(WAIT);
                assertEnvelope(r, 429);
                assertEquals("1", r.header("Retry-After"));
            }
            try (RawHttp other = RawHttp.connect(server.port())) {
                RawHttp.Response r = other.send("GET /auth/v3/hello HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 192.0.2.8\r\n\r\n")
                        .read(WAIT);
                assertEquals(200, r.status(), r.body());
            }
            release.countDown();
            assertEquals(200, first.read(WAIT).status());
            assertEquals(200, second.read(WAIT).status());
            try (RawHttp again = RawHttp.connect(server.port())) {
                assertEquals(200, again.send(post(2).replace("Host: x\r\n", forClient7) + "{}").read(WAIT).status(),
                        "the places are given back when the requests end");
            }
        }
    }

    @Test
    void connectionsWhenOverTotalThenNextWaitsForAPlace() throws Exception {
        try (HttpServer server = server(limits(Duration.ofSeconds(10), Duration.ofSeconds(20), 512, 3, 3, 10), ROUTES)) {
            List<RawHttp> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    RawHttp http = RawHttp.connect("127.0.0." + (10 + i), server.port());
                    held.add(http);
                    assertEquals(200, hello(http).status());
                }
                try (RawHttp waiting = RawHttp.connect("127.0.0.20", server.port())) {
                    waiting.send("GET /auth/v3/hello HTTP/1.1\r\nHost: x\r\n\r\n");
                    assertTrue(waiting.silentFor(Duration.ofSeconds(1)), "answered or closed beyond maxConnections");
                    held.remove(0).close();
                    assertEquals(200, waiting.read(WAIT).status());
                }
            } finally {
                held.forEach(RawHttp::close);
            }
        }
    }

    @Test
    void requestsWhenOverConcurrencyCapThenWaitWithoutFailing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        Routes blocking = r -> r.get(PublicUrl.BASE_PATH + "/slow", ctx -> {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            ctx.result("slow");
        });
        Routes both = r -> {
            ROUTES.mount(r);
            blocking.mount(r);
        };
        try (HttpServer server = server(limits(Duration.ofSeconds(10), Duration.ofSeconds(20), 512, 100, 10, 1), both);
                RawHttp first = RawHttp.connect(server.port()); RawHttp second = RawHttp.connect(server.port())) {
            first.send("GET /auth/v3/slow HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            CompletableFuture<RawHttp.Response> queued = CompletableFuture.supplyAsync(() -> hello(second));
            Thread.sleep(500);
            assertFalse(queued.isDone(), "a second request ran beside the first with maxConcurrentRequests 1");
            release.countDown();
            assertEquals(200, first.read(WAIT).status());
            assertEquals(200, queued.get(10, TimeUnit.SECONDS).status());
        }
    }

    private static RawHttp.Response hello(RawHttp http) {
        return http.send("GET /auth/v3/hello HTTP/1.1\r\nHost: x\r\n\r\n").read(WAIT);
    }

    private static boolean servedWithin(int port, String from, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try (RawHttp http = RawHttp.connect(from, port)) {
                if (hello(http).status() == 200) {
                    return true;
                }
            } catch (AssertionError | RuntimeException e) {
                Thread.sleep(100); // closed: the place is not free yet
            }
        }
        return false;
    }

    private static void assertEnvelope(RawHttp.Response r, int status) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
        assertEquals(status, r.json().get("status").get("code").asInt(), r.body());
        assertEquals(status, r.json().get("errors").get(0).get("status").get("code").asInt(), r.body());
        assertTrue(r.json().get("path").asText().startsWith("/auth/v3/"), r.body());
    }
}
