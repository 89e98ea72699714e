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
    void tickWhenFirstMeasuredSecondAndTheLastWarmUpSecondsWithinTenPercentThenWindowKept() {
        WarmUp w = new WarmUp(4, 30);
        assertEquals(WarmUp.Step.WARM, w.tick(100));
        assertEquals(WarmUp.Step.WARM, w.tick(980));
        assertEquals(WarmUp.Step.WARM, w.tick(950));
        assertEquals(WarmUp.Step.BEGIN, w.tick(1000));
        assertEquals(WarmUp.Step.MEASURE, w.tick(1099));
        assertEquals(WarmUp.Step.MEASURE, w.tick(700));

        WarmUp.Outcome o = w.outcome();
        assertEquals(List.of(100.0, 980.0, 950.0, 1000.0), o.warmupRates());
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
        assertEquals(WarmUp.Step.BEGIN, w.tick(1150));   // 100 among the last three
        assertEquals(WarmUp.Step.BEGIN, w.tick(1180));   // 1 000 is 13 % below 1 150
        assertEquals(WarmUp.Step.MEASURE, w.tick(1190)); // 1 200, 1 150, 1 180 and 1 190: steady

        WarmUp.Outcome o = w.outcome();
        assertEquals(List.of(100.0, 1000.0, 1200.0, 1150.0, 1180.0), o.warmupRates());
        assertEquals(1180, o.lastWarmup());
        assertTrue(o.settled());
        assertEquals(List.of(1190.0), w.measuredRates());
    }

    @Test
    void tickWhenALuckyPairOnARisingCurveThenNotSettledYet() {
        // seen on a cold JVM: the pair is within 10 %, the second before it is not
        WarmUp w = new WarmUp(2, 30);
        w.tick(1494);
        assertEquals(WarmUp.Step.BEGIN, w.tick(2718));
        assertEquals(WarmUp.Step.BEGIN, w.tick(2504));
    }

    @Test
    void tickWhenThroughputFlatButTheJitStillBusyThenNotSettledUntilItQuiets() {
        // seen on two cores: the compilers compete with the load, the throughput looks flat
        WarmUp w = new WarmUp(2, 30);
        w.tick(456, 0.20);
        assertEquals(WarmUp.Step.BEGIN, w.tick(459, 0.20));
        assertEquals(WarmUp.Step.BEGIN, w.tick(481, 0.02));   // quiet, but the seconds before were not
        assertEquals(WarmUp.Step.BEGIN, w.tick(470, 0.03));
        assertEquals(WarmUp.Step.BEGIN, w.tick(475, 0.06));   // a burst: this second joins the warm-up
        assertEquals(WarmUp.Step.BEGIN, w.tick(478, 0.01));
        assertEquals(WarmUp.Step.BEGIN, w.tick(476, 0.01));
        assertEquals(WarmUp.Step.BEGIN, w.tick(477, 0.04));
        assertEquals(WarmUp.Step.MEASURE, w.tick(480, 0.05)); // three quiet seconds before a quiet one
        assertTrue(w.outcome().settled());
    }

    @Test
    void tickWhenJitUnknownThenOnlyTheThroughputDecides() {
        WarmUp w = new WarmUp(2, 30);
        w.tick(1000, Double.NaN);
        w.tick(1000, Double.NaN);
        w.tick(1000, Double.NaN);
        assertEquals(WarmUp.Step.MEASURE, w.tick(1000, Double.NaN));
        assertTrue(w.outcome().settled());
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
