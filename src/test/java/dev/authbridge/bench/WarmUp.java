package dev.authbridge.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, second by second, when a scenario's measured window starts: the load runs without a
 * pause from the first second, and a window is tried from {@code minSeconds} on. The window is
 * kept when its first second's throughput is within 10 % of the last warm-up second's, and so
 * were the {@value #STEADY_SECONDS} warm-up seconds before it (one lucky pair on a rising curve,
 * 1 494 → 2 718 → 2 504/s, is not enough), and the server's JIT compilers used at most
 * {@link #JIT_QUIET} of the machine in each of those seconds; otherwise that second becomes
 * warm-up too and a new window starts at once. After {@code maxSeconds} of warm-up the window is
 * kept anyway, unsettled, which the report flags.
 *
 * <p>Why the JIT too: on two cores the compilers compete with the load, so the throughput can
 * look flat while they still work. Seen with the password scenario: a flat 456, 459, 481/s after
 * 13 s with the compilers at a fifth of the server's CPU in the window; after 45 s, 1 311/s.
 */
final class WarmUp {
    static final double TOLERANCE = 0.10;

    /** How many of the last warm-up seconds must be within {@link #TOLERANCE} of the last one. */
    static final int STEADY_SECONDS = 3;

    /** The most of the machine (cores × the second) the JIT compilers may use in a steady second. */
    static final double JIT_QUIET = 0.05;

    /** What the load runner does at a second's boundary. */
    enum Step {
        /** keep warming up */
        WARM,
        /** start (or restart) the measured window now */
        BEGIN,
        /** the measured window goes on */
        MEASURE
    }

    /**
     * The check's numbers, as reported.
     *
     * @param warmupRates throughput of each warm-up second, operations/s
     * @param lastWarmup the last warm-up second's throughput
     * @param firstMeasured the first measured second's throughput
     * @param settled whether those two are within {@link #TOLERANCE}, and the warm-up seconds before
     *     were steady too
     */
    record Outcome(List<Double> warmupRates, double lastWarmup, double firstMeasured, boolean settled) {
        @JsonProperty
        int warmupSeconds() {
            return warmupRates.size();
        }

        /** (first measured − last warm-up) / last warm-up. */
        @JsonProperty
        double change() {
            return (firstMeasured - lastWarmup) / lastWarmup;
        }
    }

    private enum State { WARMING, TRIAL, MEASURING }

    private final int minSeconds;
    private final int maxSeconds;
    private final List<Double> warm = new ArrayList<>();
    private final List<Boolean> warmJitQuiet = new ArrayList<>();
    private final List<Double> measured = new ArrayList<>();
    private State state = State.WARMING;
    private boolean settled;

    WarmUp(int minSeconds, int maxSeconds) {
        if (minSeconds < 1 || maxSeconds < minSeconds) {
            throw new IllegalArgumentException("warm-up needs 1 ≤ min ≤ max seconds, not " + minSeconds + ", " + maxSeconds);
        }
        this.minSeconds = minSeconds;
        this.maxSeconds = maxSeconds;
    }

    /** As {@link #tick(double, double)} with the JIT's activity unknown (a server not started here). */
    Step tick(double rate) {
        return tick(rate, Double.NaN);
    }

    /**
     * The second that just ended; returns what to do from now on.
     *
     * @param rate its throughput, operations/s
     * @param jitShare the CPU the server's JIT compilers used in it over the machine's capacity
     *     (NaN: unknown, not checked)
     */
    Step tick(double rate, double jitShare) {
        boolean jitQuiet = Double.isNaN(jitShare) || jitShare <= JIT_QUIET;
        switch (state) {
            case WARMING -> {
                warm.add(rate);
                warmJitQuiet.add(jitQuiet);
                if (warm.size() < minSeconds) {
                    return Step.WARM;
                }
                state = State.TRIAL;
                return Step.BEGIN;
            }
            case TRIAL -> {
                boolean within = steady(rate) && jitQuiet;
                if (within || warm.size() >= maxSeconds) {
                    settled = within;
                    measured.add(rate);
                    state = State.MEASURING;
                    return Step.MEASURE;
                }
                warm.add(rate);
                warmJitQuiet.add(jitQuiet);
                return Step.BEGIN;
            }
            default -> {
                measured.add(rate);
                return Step.MEASURE;
            }
        }
    }

    /** Seconds of the measured window so far. */
    int measuredSeconds() {
        return measured.size();
    }

    /** Throughput of each measured second. */
    List<Double> measuredRates() {
        return List.copyOf(measured);
    }

    Outcome outcome() {
        if (state != State.MEASURING) {
            throw new IllegalStateException("no measured second yet");
        }
        return new Outcome(List.copyOf(warm), warm.get(warm.size() - 1), measured.get(0), settled);
    }

    /**
     * The first measured second and the last {@link #STEADY_SECONDS} warm-up seconds, against the
     * last; those warm-up seconds with the JIT quiet too.
     */
    private boolean steady(double firstMeasured) {
        double last = warm.get(warm.size() - 1);
        for (int i = Math.max(0, warm.size() - STEADY_SECONDS); i < warm.size(); i++) {
            if (!within(last, warm.get(i)) || !warmJitQuiet.get(i)) {
                return false;
            }
        }
        return within(last, firstMeasured);
    }

    static boolean within(double reference, double value) {
        return Math.abs(value - reference) <= TOLERANCE * reference;
    }
}
