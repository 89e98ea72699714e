package dev.authbridge.lockout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User enumeration by timing, over HTTP against the embedded directory: a wrong password for a
 * user who exists and any password for a name no one has must take the same time (the unknown
 * name gets a bind too, to an entry that does not exist).
 *
 * <p>Measured as a loaded 2-core machine allows: three kinds of guess interleaved, in rotating
 * order, 300 rounds after a warm-up — a wrong password, an unknown user, and a name refused
 * without asking the directory at all (a control character) — and compared by the medians of
 * their differences within a round (load that comes and goes hits all three alike). The bound
 * is relative, so it holds on a fast machine and a slow one: the unknown user's difference must
 * be under a third of the whole directory work (search and bind, the wrong password's
 * difference to the unasked name). Before the equal work it was the bind, two thirds of it.
 */
class UnknownUserTimingHttpTest {
    private static final int ROUNDS = 300;
    private static final String[] GUESSES = {"demo\\agent1", "demo\\nobody", "demo\\agent\u00071"};

    @TempDir
    Path dir;

    /**
     * Without the lockout: both kinds of guess are counted alike when it is on (one failure each,
     * see {@code SignInGuard}), but its store writes wait for the disk, whose noise would drown
     * the fraction of a millisecond measured here.
     */
    private TestConfig config() {
        return TestConfig.shipped(dir).withLockout(lockout -> lockout.withEnabled(false));
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
        return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0 / 1e6;
    }

    @Test
    void tokenWhenUnknownUserThenAnswersAsSlowlyAsAWrongPassword() {
        try (RunningApp app = RunningApp.start(config())) {
            for (int i = 0; i < 100; i++) {
                for (String guess : GUESSES) {
                    timedGuess(app, guess);
                }
            }
            long[] unknownGap = new long[ROUNDS];
            long[] directoryWork = new long[ROUNDS];
            long[][] took = new long[GUESSES.length][ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                for (int k = 0; k < GUESSES.length; k++) {
                    int which = (round + k) % GUESSES.length;
                    took[which][round] = timedGuess(app, GUESSES[which]);
                }
                unknownGap[round] = took[0][round] - took[1][round];
                directoryWork[round] = took[0][round] - took[2][round];
            }
            double gap = medianMillis(unknownGap);
            double work = medianMillis(directoryWork);
            System.out.printf("timing: medians wrong password %.3f ms, unknown user %.3f ms, not asked %.3f ms;"
                    + " paired: wrong - unknown %.3f ms, wrong - not asked %.3f ms%n", medianMillis(took[0]),
                    medianMillis(took[1]), medianMillis(took[2]), gap, work);
            assertTrue(work > 0.05, "the directory's work is measurable: " + work + " ms");
            assertTrue(Math.abs(gap) < work / 3, String.format("a wrong password takes %.3f ms longer than an unknown"
                    + " user; the directory's whole work is %.3f ms", gap, work));
        }
    }
}
