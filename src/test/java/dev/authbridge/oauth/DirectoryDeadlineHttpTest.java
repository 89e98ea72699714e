package dev.authbridge.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestConfig;
import dev.authbridge.testing.UnresponsiveDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory that never answers, with twice as many sign-ins at once as the pool has
 * connections: every one answers 503 within {@code connectTimeout + responseTimeout} (the
 * README's promise), never a timeout per wait — the wait for a pooled connection, the new
 * connection's bind and the search each used to get a full one.
 */
class DirectoryDeadlineHttpTest {
    private static final int POOL_SIZE = 4;
    private static final long CONNECT_MS = 1_000;
    private static final long RESPONSE_MS = 3_000;
    /** Scheduling on a loaded 2-core machine; the old behaviour took a whole response timeout more. */
    private static final long MARGIN_MS = 1_200;

    @TempDir
    Path dir;

    @Test
    void passwordGrantWhenDirectoryAcceptsAndNeverAnswersThenEvery503WithinTheDeadline() throws Exception {
        try (UnresponsiveDirectory silent = UnresponsiveDirectory.silent()) {
            assertAllUnavailableInTime(silent.url());
        }
    }

    @Test
    void passwordGrantWhenDirectoryDoesNotAcceptThenEvery503WithinTheDeadline() throws Exception {
        try (UnresponsiveDirectory full = UnresponsiveDirectory.notAccepting()) {
            assertAllUnavailableInTime(full.url());
        }
    }

    private void assertAllUnavailableInTime(String url) throws Exception {
        AuthbridgeConfig config = TestConfig.shipped(dir)
                .externalDirectory(url, Duration.ofMillis(CONNECT_MS), Duration.ofMillis(RESPONSE_MS))
                .withDirectory(directory -> directory.withPoolSize(POOL_SIZE))
                .build();
        assertEquals(POOL_SIZE, config.directory().poolSize(), config.directory().toString());
        int requests = 2 * POOL_SIZE;
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        try (RunningApp app = RunningApp.start(config)) {
            List<Future<long[]>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String user = "demo\\agent" + (i % 8 + 1);
                answers.add(clients.submit(() -> {
                    long started = System.nanoTime();
                    Response r = app.http.token("grant_type", "password", "username", user, "password", "whatever-1!");
                    assertEquals(503, r.status(), r.body());
                    assertEquals("DIRECTORY_UNAVAILABLE", r.json().get("status").get("detail").get("reason").asText());
                    return new long[] {(System.nanoTime() - started) / 1_000_000};
                }));
            }
            List<Long> took = new ArrayList<>();
            for (Future<long[]> answer : answers) {
                took.add(answer.get(30, TimeUnit.SECONDS)[0]);
            }
            long bound = CONNECT_MS + RESPONSE_MS + MARGIN_MS;
            assertTrue(took.stream().allMatch(ms -> ms <= bound),
                    "answers after " + took + " ms; promised at most " + (CONNECT_MS + RESPONSE_MS) + " ms");
        } finally {
            clients.shutdownNow();
        }
    }
}
