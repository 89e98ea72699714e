package dev.authbridge.lockout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.AuditLines;
import dev.authbridge.testing.DemoDirectory;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.Slapd;
import dev.authbridge.testing.TestConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lockout under parallel guesses, over HTTP, counted where it matters: at the directory.
 * slapd logs every operation ({@code -d stats}); the binds as agent1 in its log are the guesses
 * that reached a password check. With the shipped limit of 10 and one authbridge process, at most
 * 10 reach it however many arrive at once (the documented overshoot is 0 on one process, N − 1 on
 * N processes sharing the store), and a right password sent once a guess was refused as locked
 * is refused too.
 */
class LockoutConcurrencyHttpTest {
    private static final String AGENT1_DN = "uid=agent1,ou=people,ou=demo,dc=example,dc=com";
    private static Slapd slapd;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSlapd() {
        slapd = DemoDirectory.start(Slapd.options().logLevel("stats"));
    }

    @AfterAll
    static void stopSlapd() {
        if (slapd != null) {
            slapd.stop();
        }
    }

    /** Binds as agent1 that slapd has logged so far (its whole stderr, {@code slapd.log}). */
    private static int bindsAsAgent1() throws IOException {
        String needle = ("BIND dn=\"" + AGENT1_DN + "\"").toLowerCase(Locale.ROOT);
        try (Stream<String> lines = Files.lines(slapd.dir().resolve("slapd.log"), StandardCharsets.UTF_8)) {
            return (int) lines.filter(l -> l.toLowerCase(Locale.ROOT).contains(needle)).count();
        }
    }

    private RunningApp start() {
        return RunningApp.start(TestConfig.shipped(dir)
                .externalDirectory(slapd.url(), Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    private static Response token(RunningApp app, String password) {
        return app.http.token("grant_type", "password", "username", "demo\\agent1", "password", password);
    }

    /** Sends {@code count} wrong guesses at once (released together) and returns their answers. */
    private static List<Response> burst(RunningApp app, int count, Runnable onFirstLockedRefusal) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch firstLocked = new CountDownLatch(1);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String password = "wrong-" + i;
                answers.add(pool.submit(() -> {
                    go.await();
                    Response r = token(app, password);
                    if (r.header("Retry-After") != null) {
                        firstLocked.countDown();
                    }
                    return r;
                }));
            }
            go.countDown();
            if (onFirstLockedRefusal != null) {
                assertTrue(firstLocked.await(30, TimeUnit.SECONDS), "no guess was refused as locked");
                onFirstLockedRefusal.run();
            }
            List<Response> out = new ArrayList<>();
            for (Future<Response> answer : answers) {
                out.add(answer.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tokenWhenThirtyTwoWrongGuessesAtOnceThenTenReachTheDirectoryAndTheRightPasswordIsRefused() throws Exception {
        try (RunningApp app = start()) {
            int before = bindsAsAgent1();
            List<Response> answers = burst(app, 32, null);
            for (Response r : answers) {
                assertEquals(400, r.status(), r.body());
                assertEquals("invalid_grant", r.json().get("error").asText());
            }
            assertEquals(10, bindsAsAgent1() - before, "binds as agent1 that reached slapd, limit 10");
            assertEquals(22, answers.stream().filter(r -> r.header("Retry-After") != null).count());

            Response right = token(app, "agent1-Secret!");
            assertEquals(400, right.status(), "locked: the right password does not help");
            assertNotNull(right.header("Retry-After"));
            assertEquals(10, bindsAsAgent1() - before, "and it never reached the directory");
        }
    }

    @Test
    void tokenWhenRightPasswordSentAfterAGuessWasRefusedAsLockedThenRefusedToo() throws Exception {
        try (RunningApp app = start()) {
            int before = bindsAsAgent1();
            List<Response> rights = new ArrayList<>();
            // 64 at once: more than wait their turn behind one account (32); the rest are refused
            // as busy at once, uncounted, and never reach the directory either.
            List<Response> wrongs = burst(app, 64, () -> {
                for (int i = 0; i < 4; i++) {
                    rights.add(token(app, "agent1-Secret!"));
                }
            });
            assertTrue(wrongs.stream().allMatch(r -> r.status() == 400), "every guess refused");
            for (Response r : rights) {
                assertEquals(400, r.status(), r.body());
                assertNotNull(r.header("Retry-After"), "sent after a refusal as locked: refused as locked");
            }
            assertEquals(10, bindsAsAgent1() - before);
            assertEquals(10, AuditLines.of(dir.resolve("audit.log"), "sign_in", "wrong_password").size());
        }
    }
}
