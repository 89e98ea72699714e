package dev.authbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When the measured window starts, and what the warm-up check reports. */
class WarmUpTest {

    @Test
    void tickWhenFirstMeasuredSecondWithinTenPercentThenWindowKept() {
        WarmUp w = new WarmUp(3, 30);
        assertEquals(WarmUp.Step.WARM, w.tick(100));
        assertEquals(WarmUp.Step.WARM, w.tick(500));
        assertEquals(WarmUp.Step.BEGIN, w.tick(1000));
        assertEquals(WarmUp.Step.MEASURE, w.tick(1099));
        assertEquals(WarmUp.Step.MEASURE, w.tick(700));

        WarmUp.Outcome o = w.outcome();
        assertEquals(List.of(100.0, 500.0, 1000.0), o.warmupRates());
        assertEquals(1000, o.lastWarmup());
        assertEquals(1099, o.firstMeasured());
        assertTrue(o.settled());
        assertEquals(0.099, o.change(), 1e-9);
        assertEquals(List.of(1099.0, 700.0), w.measuredRates());
    }

    @Test
    void tickWhenFirstMeasuredSecondDiffersThenItBecomesWarmUpAndTheWindowRestarts() {
        WarmUp w = new WarmUp(2, 30);
        w.tick(100);
        assertEquals(WarmUp.Step.BEGIN, w.tick(1000));
        assertEquals(WarmUp.Step.BEGIN, w.tick(1200));
        assertEquals(0, w.measuredSeconds());
        assertEquals(WarmUp.Step.BEGIN, w.tick(900));
        assertEquals(WarmUp.Step.MEASURE, w.tick(950));

        WarmUp.Outcome o = w.outcome();
        assertEquals(List.of(100.0, 1000.0, 1200.0, 900.0), o.warmupRates());
        assertEquals(900, o.lastWarmup());
        assertTrue(o.settled());
        assertEquals(List.of(950.0), w.measuredRates());
    }

    @Test
    void tickWhenCapReachedThenWindowKeptUnsettled() {
        WarmUp w = new WarmUp(2, 3);
        w.tick(100);
        assertEquals(WarmUp.Step.BEGIN, w.tick(200));
        assertEquals(WarmUp.Step.BEGIN, w.tick(400));
        assertEquals(WarmUp.Step.MEASURE, w.tick(800));

        WarmUp.Outcome o = w.outcome();
        assertEquals(3, o.warmupSeconds());
        assertEquals(400, o.lastWarmup());
        assertEquals(800, o.firstMeasured());
        assertFalse(o.settled());
    }

    @Test
    void outcomeWhenNothingMeasuredYetThenRefused() {
        WarmUp w = new WarmUp(1, 5);
        assertThrows(IllegalStateException.class, w::outcome);
        w.tick(10);
        assertThrows(IllegalStateException.class, w::outcome);
    }

    @Test
    void constructorWhenMaxBelowMinThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WarmUp(5, 4));
        assertThrows(IllegalArgumentException.class, () -> new WarmUp(0, 4));
    }
}
