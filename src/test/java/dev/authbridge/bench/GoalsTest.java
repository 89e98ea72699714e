package dev.authbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The goals of issue 14 checked against a run's figures. */
class GoalsTest {
    private static final CpuUsage QUIET = new CpuUsage(15, 30, 20, 0, 14, 1, 0, 1, 0, 5);
    private static final WarmUp.Outcome SETTLED = new WarmUp.Outcome(List.of(900.0, 1000.0), 1000, 1010, true);

    static ScenarioResult scenario(String name, double throughput, double p99, long errors, CpuUsage cpu, WarmUp.Outcome w) {
        LoadRunner.Result r = new LoadRunner.Result((long) (throughput * 10), errors, 10,
                new long[] {(long) (p99 * 1e6)}, List.of(throughput), w, cpu);
        return ScenarioResult.of(name, r);
    }

    private static RunResult run(double ready, double rss, ScenarioResult... scenarios) {
        Map<String, ScenarioResult> m = new LinkedHashMap<>();
        for (ScenarioResult s : scenarios) {
            m.put(s.name(), s);
        }
        return new RunResult(Machine.now(), "server", "directory", 16, 10, 5, 30, ready, rss, m);
    }

    private static Goals.Goal goal(RunResult run, String prefix) {
        return run.goals().stream().filter(g -> g.goal().startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void checkWhenRatiosAtAndBelowTheirBoundsThenPassAndFail() {
        RunResult run = run(1.2, 200,
                scenario("http-ceiling", 10_000, 5, 0, QUIET, SETTLED),
                scenario("directory", 2_000, 5, 0, QUIET, SETTLED),
                scenario("password", 1_200, 5, 0, QUIET, SETTLED),
                scenario("refresh", 2_999, 5, 0, QUIET, SETTLED),
                scenario("client_credentials", 4_000, 5, 0, QUIET, SETTLED));
        assertEquals(Boolean.TRUE, goal(run, "password ≥ 0.6 × directory").pass());
        assertEquals(Boolean.FALSE, goal(run, "refresh ≥ 0.3 × http-ceiling").pass());
        assertEquals(Boolean.TRUE, goal(run, "client_credentials ≥ 0.4 × http-ceiling").pass());
        assertEquals("0.30 (2999/s of 10000/s)", goal(run, "refresh").measured());
        assertNull(goal(run, "userinfo").pass(), "not run: neither passed nor failed");
        assertEquals(Boolean.TRUE, goal(run, "ready").pass());
        assertEquals(Boolean.TRUE, goal(run, "peak RSS").pass());
    }

    @Test
    void checkWhenSignInCostsAuthbridgeMoreCpuThanTheDirectoryThenFail() {
        // 12 000 sign-ins: authbridge 13 s, directory threads 1 s
        CpuUsage cpu = new CpuUsage(10, 20, 19, 0, 14, 1, 0, 1, 0, 4);
        RunResult run = run(Double.NaN, Double.NaN, scenario("password", 1_200, 5, 0, cpu, SETTLED));
        Goals.Goal g = goal(run, "authbridge CPU per sign-in");
        assertEquals(Boolean.FALSE, g.pass());
        assertEquals("1.083 ms vs 0.083 ms", g.measured());
        assertNull(goal(run, "ready").pass(), "an authbridge the bench did not start has no ready time");
        assertNull(goal(run, "peak RSS").pass());
    }

    @Test
    void checkWhenP99OrErrorsOrReadyOrRssBeyondThenFailPerScenario() {
        RunResult run = run(1.51, 257,
                scenario("http-ceiling", 10_000, 25, 0, QUIET, SETTLED),
                scenario("directory", 2_000, 90, 0, QUIET, SETTLED),
                scenario("refresh", 2_000, 25.01, 3, QUIET, SETTLED));
        assertEquals(Boolean.TRUE, goal(run, "p99 ≤ 25 ms: http-ceiling").pass());
        assertEquals(Boolean.FALSE, goal(run, "p99 ≤ 25 ms: refresh").pass());
        assertTrue(run.goals().stream().noneMatch(g -> g.goal().equals("p99 ≤ 25 ms: directory")),
                "the directory limit is not authbridge's latency");
        assertEquals(Boolean.FALSE, goal(run, "zero errors: refresh").pass());
        assertEquals(Boolean.TRUE, goal(run, "zero errors: directory").pass());
        assertEquals(Boolean.FALSE, goal(run, "ready").pass());
        assertEquals(Boolean.FALSE, goal(run, "peak RSS").pass());
    }

    @Test
    void publishableWhenEveryWindowQuietAndSettledThenYesOtherwiseEachReason() {
        CpuUsage noisy = new CpuUsage(10, 20, 19, 0, 10, 0, 0, 0, 0, 4);
        RunResult quiet = run(1, 100, scenario("http-ceiling", 10_000, 5, 0, QUIET, SETTLED));
        RunResult loud = run(1, 100, scenario("http-ceiling", 10_000, 5, 0, QUIET, SETTLED),
                scenario("userinfo", 9_000, 5, 0, noisy, SETTLED));
        assertTrue(quiet.publishable());
        assertEquals(List.of("userinfo: something else used 25 % of the machine's CPU"), loud.unpublishable());
        assertEquals(Map.of("userinfo/http-ceiling", 0.9), loud.ratios());
    }
}
