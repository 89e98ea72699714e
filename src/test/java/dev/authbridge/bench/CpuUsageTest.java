package dev.authbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CPU accounting of a window and the noise verdict built on it. */
class CpuUsageTest {

    @Test
    void otherWhenEmbeddedDirectoryThenMachineLessServerAndBenchOnly() {
        // 10 s on 2 cores; server 12 s of which the directory's threads 3 s; bench 4 s; machine busy 17 s
        CpuUsage c = new CpuUsage(10, 20, 17, 0, 12, 3, 0, 1, 0, 4);
        assertEquals(9, c.authbridge(), 1e-9);
        assertEquals(3, c.directory(), 1e-9);
        assertEquals(1, c.other(), 1e-9);
        assertEquals(0.05, c.otherShare(), 1e-9);
        assertFalse(c.noisy());
    }

    @Test
    void otherWhenExternalDirectoryThenItsProcessIsSubtractedToo() {
        CpuUsage c = new CpuUsage(10, 20, 19, 0, 10, 0, 0, 1, 2, 4);
        assertEquals(2, c.directory(), 1e-9);
        assertEquals(3, c.other(), 1e-9);
        assertTrue(c.noisy(), "15 % of the machine went elsewhere");
    }

    @Test
    void noisyWhenExactlyTenPercentThenNotYetWhenStealAboveThenYes() {
        assertFalse(new CpuUsage(10, 20, 18, 0, 12, 0, 0, 0, 0, 4).noisy());
        assertTrue(new CpuUsage(10, 20, 16, 2.5, 12, 0, 0, 0, 0, 4).noisy());
    }

    @Test
    void noisyWhenServerCpuUnknownThenYes() {
        assertTrue(new CpuUsage(10, 20, 16, 0, Double.NaN, Double.NaN, 0, Double.NaN, 0, 4).noisy());
        assertTrue(new CpuUsage(10, 20, 16, 0, 12, 0, 0, 0, Double.NaN, 4).noisy());
    }

    @Test
    void unpublishableWhenNoisyAndUnsettledThenBothReasons() {
        CpuUsage noisy = new CpuUsage(10, 20, 19, 0, 10, 0, 0, 0, 0, 4);
        ScenarioResult s = GoalsTest.scenario("refresh", 100, 5, 0, noisy, new WarmUp.Outcome(List.of(50.0, 80.0), 80, 100, false));
        List<String> why = s.unpublishable();
        assertEquals(2, why.size(), why.toString());
        assertTrue(why.get(0).contains("something else used 25 %"), why.get(0));
        assertTrue(why.get(1).contains("warm-up did not settle"), why.get(1));
    }

    @Test
    void jitShareWhenCompilersBusyInTheWindowThenTheirShareOfTheServer() {
        assertEquals(0.25, new CpuUsage(10, 20, 17, 0, 12, 0, 3, 1, 0, 4).jitShare(), 1e-9);
    }

    @Test
    void msPerWhenNoOperationsThenNaN() {
        assertTrue(Double.isNaN(CpuUsage.msPer(1, 0)));
        assertEquals(2.5, CpuUsage.msPer(0.5, 200), 1e-9);
    }
}
