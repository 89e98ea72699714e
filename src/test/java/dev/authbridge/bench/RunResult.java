package dev.authbridge.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run of the bench: where it ran, the server and directory measured, every scenario's figures. */
record RunResult(Machine machine, String server, String directory, int connections, long durationSeconds,
        int warmupMinSeconds, int warmupMaxSeconds, double readySeconds, double peakRssMb,
        Map<String, ScenarioResult> scenarios) {

    /** A scenario's throughput divided by its limit's, in this run; null when either is missing. */
    Double ratio(String scenario) {
        ScenarioResult s = scenarios.get(scenario);
        ScenarioResult limit = s == null || s.limit() == null ? null : scenarios.get(s.limit());
        return limit == null ? null : s.throughput() / limit.throughput();
    }

    @JsonProperty
    Map<String, Double> ratios() {
        Map<String, Double> ratios = new LinkedHashMap<>();
        scenarios.values().forEach(s -> {
            Double r = ratio(s.name());
            if (r != null) {
                ratios.put(s.name() + "/" + s.limit(), r);
            }
        });
        return ratios;
    }

    @JsonProperty
    List<Goals.Goal> goals() {
        return Goals.check(this);
    }

    /** Every reason the figures may not be published (empty: they may). */
    @JsonProperty
    List<String> unpublishable() {
        List<String> why = new ArrayList<>();
        scenarios.values().forEach(s -> why.addAll(s.unpublishable()));
        return why;
    }

    @JsonProperty
    boolean publishable() {
        return unpublishable().isEmpty();
    }
}
