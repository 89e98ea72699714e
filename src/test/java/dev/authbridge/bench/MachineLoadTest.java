package dev.authbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The whole machine's CPU from /proc/stat. */
class MachineLoadTest {
    private static final double T = Proc.TICKS_PER_SECOND;

    @Test
    void parseWhenProcStatThenBusyExcludesIdleIowaitAndStealAndTotalIncludesThem() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        MachineLoad m = MachineLoad.parse("cpu  1000 10 300 5000 40 5 15 30 200 0\ncpu0 500 5 150 2500 20 2 7 15 100 0\n");
        assertEquals((1000 + 10 + 300 + 5 + 15) / T, m.busy(), 1e-9);
        assertEquals(30 / T, m.steal(), 1e-9);
        assertEquals((1000 + 10 + 300 + 5000 + 40 + 5 + 15 + 30) / T, m.total(), 1e-9);
    }

    @Test
    void minusWhenTwoSnapshotsThenTheWindowsShare() {
        MachineLoad a = MachineLoad.parse("cpu  100 0 100 800 0 0 0 0 0 0\n");
        MachineLoad b = MachineLoad.parse("cpu  250 0 150 1000 0 0 0 0 0 0\n");
        MachineLoad d = b.minus(a);
        assertEquals(200 / T, d.busy(), 1e-9);
        assertEquals(400 / T, d.total(), 1e-9);
    }

    @Test
    void nowWhenReadFromThisMachineThenTotalGrowsAtAboutCoresPerSecond() throws Exception {
        MachineLoad a = MachineLoad.now();
        Thread.sleep(500);
        MachineLoad d = MachineLoad.now().minus(a);
        int cores = Runtime.getRuntime().availableProcessors();
        // 0.5 s of wall time on every core, give or take the tick and a late wake-up
        assertTrue(d.total() > 0.3 * cores && d.total() < 1.5 * cores, "total " + d.total());
        assertTrue(d.busy() >= 0 && d.busy() <= d.total(), "busy " + d.busy());
    }

    @Test
    void parseWhenNotTheCpuLineThenRefused() {
        assertThrows(IllegalStateException.class, () -> MachineLoad.parse("intr 1 2 3\n"));
    }
}
