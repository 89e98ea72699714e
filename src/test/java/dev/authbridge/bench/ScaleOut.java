package dev.authbridge.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.authbridge.testing.AuthbridgeProcess;
import dev.authbridge.testing.Haproxy;
import dev.authbridge.testing.Postgres;
import dev.authbridge.testing.PostgresStores;
import dev.authbridge.testing.TestConfig;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code scripts/bench --scale-out} (issue 12): the same load through one haproxy in front of
 * one instance on SQLite, then one, two and three instances on one PostgreSQL, in one run on
 * this machine. Each setup's instances run the README's production JVM flags on their own copy
 * of the embedded demo directory; the clients' keep-alive connections go to haproxy, which
 * spreads them round robin. Reported: throughput, throughput per instance, and per instance its
 * ratio to the SQLite instance's (goal: ≥ {@value #GOAL}). The server's CPU counts the instances,
 * haproxy and PostgreSQL (its postmaster and backends), so that "something else" is the rest of
 * the machine, and a window where that rest used more than 10 % is not publishable.
 *
 * <p>On a machine whose cores the instances, PostgreSQL and the bench's clients share, more
 * instances cannot add throughput: the cores are the limit, and per instance it falls as 1/N.
 * The store's cost shows at one instance (PostgreSQL's against SQLite's) and in the CPU per
 * operation.
 */
final class ScaleOut {
    static final List<String> SCENARIOS = List.of("refresh", "userinfo");
    static final String JSON = "target/bench-scale-out.json";
    static final double GOAL = 0.8;
    private static final List<Integer> INSTANCES = List.of(1, 2, 3);
    private static final int PG_POOL = 8;

    /** One setup's figures: the store, how many instances, each scenario's result. */
    record Setup(String store, int instances, Map<String, ScenarioResult> scenarios) {
        String name() {
            return store + " × " + instances;
        }

        double perInstance(String scenario) {
            return scenarios.get(scenario).throughput() / instances;
        }
    }

    /** The run: where, with what load, every setup, the ratios to SQLite, the goals, and whether to publish. */
    record Result(Machine machine, int connections, long durationSeconds, List<String> jvmArgs, List<Setup> setups) {
        Setup sqlite() {
            return setups.get(0);
        }

        /** {@code "postgresql × N: refresh"} → per-instance throughput over SQLite's. */
        @JsonProperty
        Map<String, Double> ratios() {
            Map<String, Double> ratios = new LinkedHashMap<>();
            for (Setup s : setups.subList(1, setups.size())) {
                for (String scenario : s.scenarios().keySet()) {
                    ratios.put(s.name() + ": " + scenario, s.perInstance(scenario) / sqlite().perInstance(scenario));
                }
            }
            return ratios;
        }

        @JsonProperty
        List<Goals.Goal> goals() {
            List<Goals.Goal> goals = new ArrayList<>();
            ratios().forEach((name, ratio) -> goals.add(new Goals.Goal(
                    String.format(Locale.ROOT, "per instance ≥ %.1f × SQLite's: %s", GOAL, name),
                    String.format(Locale.ROOT, "%.2f", ratio), ratio >= GOAL)));
            return goals;
        }

        @JsonProperty
        List<String> unpublishable() {
            List<String> why = new ArrayList<>();
            setups.forEach(s -> s.scenarios().values().forEach(r -> r.unpublishable()
                    .forEach(w -> why.add(s.name() + ", " + w))));
            return why;
        }

        @JsonProperty
        boolean publishable() {
            return unpublishable().isEmpty();
        }
    }

    private final Options o;
    private final PrintStream out;
    private final Report report;

    ScaleOut(Options o, PrintStream out) {
        this.o = o;
        this.out = out;
        this.report = new Report(out);
    }

    Result run() throws Exception {
        Machine machine = Machine.now();
        out.println("machine    " + machine.describe());
        out.printf(Locale.ROOT, "load       %d keep-alive connections to haproxy; per scenario a warm-up of %d–%d s, "
                        + "then %d s measured; instances: %s%n%n", o.connections(), o.warmupMin(), o.warmupMax(),
                o.duration().toSeconds(), String.join(" ", o.jvmArgs()));
        List<Setup> setups = new ArrayList<>();
        setups.add(measure("sqlite", 1, dir -> TestConfig.shipped(dir), null));
        try (Postgres pg = Postgres.start(Postgres.options())) {
            for (int n : INSTANCES) {
                PostgresStores store = PostgresStores.on(pg, "scale_out_" + n);
                setups.add(measure("postgresql", n,
                        dir -> store.demoConfig(dir, store.config(PG_POOL, Duration.ofSeconds(5))), pg));
            }
        }
        Result result = new Result(machine, o.connections(), o.duration().toSeconds(), o.jvmArgs(), setups);
        summary(result);
        Path json = Path.of(o.json());
        Files.createDirectories(json.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), result);
        out.println("\nJSON report: " + json);
        return result;
    }

    private Setup measure(String store, int n, Function<Path, TestConfig> config, Postgres pg) throws Exception {
        out.println("== " + store + " × " + n);
        List<AuthbridgeProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                nodes.add(AuthbridgeProcess.start(config.apply(Files.createTempDirectory("authbridge-scale-out")),
                        Map.of(), o.jvmArgs()));
            }
            for (AuthbridgeProcess node : nodes) {
                node.awaitReady(Duration.ofSeconds(30));
            }
            try (Haproxy lb = Haproxy.start(Haproxy.options()
                    .backends(nodes.stream().map(AuthbridgeProcess::hostPort).toList()))) {
                lb.awaitTraffic(Set.copyOf(lb.backends()), Duration.ofSeconds(10));
                String[] client = o.client().split(":", 2);
                Scenarios scenarios = new Scenarios(client[0], client[1], o.edDsaClient(), o.users());
                LoadRunner runner = new LoadRunner(o.connections(), o.duration(), o.warmupMin(), o.warmupMax());
                Map<String, ScenarioResult> results = new LinkedHashMap<>();
                for (String scenario : o.scenarios()) {
                    CpuWindow cpu = new CpuWindow(serverPids(nodes, lb, pg), true, null);
                    ScenarioResult r = ScenarioResult.of(scenario,
                            runner.run(scenarios.clients(scenario, URI.create(lb.url()), "/health/live"), cpu));
                    report.scenario(r);
                    results.put(scenario, r);
                }
                return new Setup(store, n, results);
            }
        } finally {
            nodes.forEach(AuthbridgeProcess::close);
        }
    }

    /** The instances, haproxy, and PostgreSQL's postmaster with its backends (the pools' connections). */
    private static List<Long> serverPids(List<AuthbridgeProcess> nodes, Haproxy lb, Postgres pg) throws Exception {
        List<Long> pids = new ArrayList<>();
        nodes.forEach(node -> pids.add(node.pid()));
        pids.add(Long.parseLong(Files.readString(lb.dir().resolve("haproxy.pid")).strip()));
        if (pg != null) {
            long postmaster = Long.parseLong(Files.readAllLines(pg.dir().resolve("data/postmaster.pid")).get(0).strip());
            pids.add(postmaster);
            // Its lasting processes: a short-lived worker (autovacuum's, a parallel query's) that
            // ends inside the window would leave the server's CPU unknown.
            ProcessHandle.of(postmaster).ifPresent(p -> p.children()
                    .filter(c -> !String.join(" ", Proc.commandLine(c.pid())).matches(".*(autovacuum|parallel) worker.*"))
                    .forEach(c -> pids.add(c.pid())));
        }
        return pids;
    }

    private void summary(Result result) {
        out.printf(Locale.ROOT, "%n%-16s %-11s %9s %13s %10s %8s %13s%n", "setup", "scenario", "ops/s", "per instance",
                "vs SQLite", "p99 ms", "srv CPU ms/op");
        for (Setup s : result.setups()) {
            for (ScenarioResult r : s.scenarios().values()) {
                double ratio = s.perInstance(r.name()) / result.sqlite().perInstance(r.name());
                out.printf(Locale.ROOT, "%-16s %-11s %9.0f %13.0f %10.2f %8.2f %13.3f%n", s.name(), r.name(),
                        r.throughput(), s.perInstance(r.name()), ratio, r.p99Ms(),
                        CpuUsage.msPer(r.cpu().server(), r.operations()));
            }
        }
        out.println("srv CPU = the instances + haproxy + PostgreSQL, per operation; vs SQLite = per instance.");
        out.printf(Locale.ROOT, "%ngoals (issue 12)%n");
        for (Goals.Goal g : result.goals()) {
            out.printf(Locale.ROOT, "  %-4s  %-52s %s%n", g.verdict(), g.goal(), g.measured());
        }
        List<String> why = result.unpublishable();
        if (why.isEmpty()) {
            out.printf("%npublishable: in every window something else used at most 10 %% of the CPU, and every warm-up settled%n");
        } else {
            out.printf("%n!!! NOT PUBLISHABLE — these figures would not reproduce:%n");
            why.forEach(w -> out.println("!!!   " + w));
        }
    }
}
