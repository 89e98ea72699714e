package dev.authbridge.lockout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.RunningApp;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User enumeration by timing, over HTTP against the embedded directory: a wrong password for a
 * user who exists and any password for a name no one has must take the same time (the unknown
 * name gets a bind too, to an entry that does not exist). Measured as a loaded 2-core machine
 * allows: the two kinds interleaved (each pair in alternating order, so drift hits both), 200
 * of each after a warm-up, compared by their medians. Before the equal work the difference of
 * the medians was one bind (see the README's figures); the bound is a third of it.
 */
class UnknownUserTimingHttpTest {
    private static final int TRIES = 200;

    @TempDir
    Path dir;

    /** A lockout that never triggers here: both kinds of guess are counted the same way. */
    private String config() {
        return RunningApp.shippedConfig(dir).replace("clients:\n",
                "lockout:\n  userMaxFailures: 100000\n  ipMaxFailures: 100000\nclients:\n");
    }

    private static long timedGuess(RunningApp app, String user) {
        long started = System.nanoTime();
        int status = app.http.token("grant_type", "password", "username", user, "password", "not-the-password")
                .status();
        long took = System.nanoTime() - started;
        assertEquals(400, status);
        return took;
    }

    private static double medianMillis(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2 / 1e6;
    }

    @Test
    void tokenWhenUnknownUserThenAnswersAsSlowlyAsAWrongPassword() {
        try (RunningApp app = RunningApp.start(config())) {
            for (int i = 0; i < 100; i++) {
                timedGuess(app, "demo\\agent1");
                timedGuess(app, "demo\\nobody");
            }
            long[] wrong = new long[TRIES];
            long[] unknown = new long[TRIES];
            for (int i = 0; i < TRIES; i++) {
                if (i % 2 == 0) {
                    wrong[i] = timedGuess(app, "demo\\agent1");
                    unknown[i] = timedGuess(app, "demo\\nobody");
                } else {
                    unknown[i] = timedGuess(app, "demo\\nobody");
                    wrong[i] = timedGuess(app, "demo\\agent1");
                }
            }
            double wrongMedian = medianMillis(wrong);
            double unknownMedian = medianMillis(unknown);
            double difference = wrongMedian - unknownMedian;
            System.out.printf("timing: wrong password median %.3f ms, unknown user median %.3f ms, difference %.3f ms%n",
                    wrongMedian, unknownMedian, difference);
            assertTrue(Math.abs(difference) < 0.2,
                    String.format("wrong password %.3f ms vs unknown user %.3f ms (medians of %d)", wrongMedian,
                            unknownMedian, TRIES));
        }
    }
}
