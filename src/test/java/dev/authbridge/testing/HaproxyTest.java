package dev.authbridge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The harness itself: a real haproxy over two (or three) real HTTP backends that answer with their
 * own name and whose health endpoint the test turns on and off.
 */
class HaproxyTest {
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(250);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Backend> backends = new ArrayList<>();

    @AfterEach
    void stopBackends() {
        backends.forEach(Backend::stop);
    }

    @Test
    void startWhenBothBackendsHealthyThenRoundRobinAlternates() throws Exception {
        Backend a = backend("a");
        Backend b = backend("b");
        try (Haproxy lb = start(a, b)) {
            assertEquals(Set.of(a.hostPort(), b.hostPort()), lb.status().keySet());
            lb.awaitTraffic(Set.of(a.hostPort(), b.hostPort()), Duration.ofSeconds(5));

            List<String> answers = names(lb, 8);
            for (int i = 1; i < answers.size(); i++) {
                assertNotEquals(answers.get(i - 1), answers.get(i), "round robin alternates: " + answers);
            }
            assertEquals(4, answers.stream().filter("a"::equals).count(), answers.toString());
        }
    }

    @Test
    void healthCheckWhenABackendFailsThenTakenOutQuicklyAndBackWhenHealthy() throws Exception {
        Backend a = backend("a");
        Backend b = backend("b");
        try (Haproxy lb = start(a, b)) {
            lb.awaitTraffic(Set.of(a.hostPort(), b.hostPort()), Duration.ofSeconds(5));

            b.healthy.set(false);
            long failedAt = System.nanoTime();
            while (!lb.inTraffic().equals(Set.of(a.hostPort()))) {
                names(lb, 1); // b still serves requests until it is taken out: every one succeeds
                assertTrue(System.nanoTime() - failedAt < Duration.ofSeconds(5).toNanos(),
                        "b taken out in time: " + lb.status());
            }
            Duration takenOutAfter = Duration.ofNanos(System.nanoTime() - failedAt);
            // fall 2 checks every 250 ms: under a second; the bound leaves room for a loaded machine
            assertTrue(takenOutAfter.compareTo(Duration.ofSeconds(3)) < 0, "taken out after " + takenOutAfter);
            assertEquals("DOWN", lb.status().get(b.hostPort()));
            assertEquals(List.of("a", "a", "a", "a", "a", "a"), names(lb, 6));
            assertTrue(lb.log().contains(b.hostPort() + " is DOWN"), lb.log());

            b.healthy.set(true);
            lb.awaitTraffic(Set.of(a.hostPort(), b.hostPort()), Duration.ofSeconds(5));
            List<String> after = names(lb, 4);
            assertEquals(2, after.stream().filter("b"::equals).count(), after.toString());
        }
    }

    @Test
    void requestWhenABackendRefusesConnectionsThenRetriedOnTheOther() throws Exception {
        Backend a = backend("a");
        Backend b = backend("b");
        try (Haproxy lb = start(a, b)) {
            lb.awaitTraffic(Set.of(a.hostPort(), b.hostPort()), Duration.ofSeconds(5));

            b.stop(); // as a killed instance: connections refused, before any check noticed
            assertEquals(List.of("a", "a", "a", "a", "a", "a"), names(lb, 6));
            lb.awaitTraffic(Set.of(a.hostPort()), Duration.ofSeconds(5));
        }
    }

    @Test
    void setBackendsWhenReloadedThenOnlyTheNewListServes() throws Exception {
        Backend a = backend("a");
        Backend b = backend("b");
        Backend c = backend("c");
        try (Haproxy lb = start(a, b)) {
            int port = lb.port();
            lb.awaitTraffic(Set.of(a.hostPort(), b.hostPort()), Duration.ofSeconds(5));

            lb.setBackends(List.of(a.hostPort(), c.hostPort()));

            assertEquals(port, lb.port());
            assertEquals(Set.of(a.hostPort(), c.hostPort()), lb.status().keySet());
            lb.awaitTraffic(Set.of(a.hostPort(), c.hostPort()), Duration.ofSeconds(5));
            List<String> answers = names(lb, 6);
            assertFalse(answers.contains("b"), answers.toString());
            assertEquals(3, answers.stream().filter("c"::equals).count(), answers.toString());
        }
    }

    @Test
    void closeWhenDoneThenPortFreedAndDirectoryDeleted() throws Exception {
        Backend a = backend("a");
        Haproxy lb = start(a);
        Path dir = lb.dir();
        lb.close();
        assertFalse(Files.exists(dir));
        assertThrows(IOException.class, () -> names(lb, 1));
        lb.close(); // idempotent
    }

    @Test
    void optionsWhenBackendMalformedThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> Haproxy.options().backend("127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> Haproxy.options().backend("a b:1"));
        assertThrows(IllegalArgumentException.class,
                () -> Haproxy.options().backends(List.of("127.0.0.1:1", "127.0.0.1:1")));
        assertThrows(IllegalArgumentException.class, () -> Haproxy.options().healthPath("health\nx"));
    }

    private Haproxy start(Backend... servers) {
        Haproxy.Options options = Haproxy.options().healthPath("/health/ready").checkInterval(CHECK_INTERVAL);
        for (Backend server : servers) {
            options.backend(server.hostPort());
        }
        return Haproxy.start(options);
    }

    /** The names of the backends that answered {@code n} requests through haproxy, in order. */
    private List<String> names(Haproxy lb, int n) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(lb.url() + "/whoami"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            names.add(response.body());
        }
        return names;
    }

    private Backend backend(String name) throws IOException {
        Backend backend = new Backend(name);
        backends.add(backend);
        return backend;
    }

    /** A tiny real HTTP server: {@code /whoami} answers its name, the health path 200 or 503. */
    private static final class Backend {
        final AtomicBoolean healthy = new AtomicBoolean(true);
        private final HttpServer server;
        private boolean stopped;

        Backend(String name) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/whoami", exchange -> answer(exchange, 200, name));
            server.createContext("/health/ready", exchange -> {
                boolean up = healthy.get();
                answer(exchange, up ? 200 : 503, up ? "UP" : "DOWN");
            });
            server.start();
        }

        String hostPort() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        synchronized void stop() {
            if (!stopped) {
                stopped = true;
                server.stop(0);
            }
        }

        private static void answer(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }
    }
}
