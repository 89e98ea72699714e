package dev.authbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.ConfigLoader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code scripts/bench}: measures authbridge against its two limits in one run — the directory's
 * own rate for what a password grant asks of it, and the HTTP stack's ceiling on a trivial
 * endpoint — with each scenario's throughput, latency, errors and CPU per operation (authbridge's
 * and the directory's apart), checks the goals of issue 14, and refuses to call figures
 * publishable when something else on the machine disturbed them. With {@code --scale-out},
 * {@link ScaleOut} instead. See {@link Options#USAGE}.
 */
public final class Bench {
    static final int NOT_PUBLISHABLE = 3;

    private final Options o;
    private final Report report = new Report(System.out);

    private Bench(Options o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("scripts/bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (o == null) {
            System.out.print(Options.USAGE);
            return;
        }
        if (o.scaleOut()) {
            ScaleOut.Result result = new ScaleOut(o, System.out).run();
            System.exit(result.publishable() || o.allowNoise() ? 0 : NOT_PUBLISHABLE);
            return;
        }
        RunResult run = new Bench(o).run();
        System.exit(run.publishable() || o.allowNoise() ? 0 : NOT_PUBLISHABLE);
    }

    private RunResult run() throws Exception {
        Machine machine = Machine.now();
        Path repo = Path.of("").toAbsolutePath();
        try (DirectoryUnderTest started = o.startSlapd() ? DirectoryUnderTest.startSlapd() : null;
                Target target = startOrAttach(repo, started)) {
            AuthbridgeConfig config = new ConfigLoader(System.getenv()).load(target.config);
            try (DirectoryUnderTest directory = started != null ? null : directory(config, target)) {
                DirectoryUnderTest dir = started != null ? started : directory;
                String server = (target.started() ? String.format(Locale.ROOT,
                        "authbridge started by the bench at %s, ready %.2f s after launch", target.base, target.readySeconds)
                        : "authbridge at " + target.base + " (already running; pids " + target.pids + ")") + "; " + target.jvm;
                report.header(machine, server, dir.description, o);
                Map<String, ScenarioResult> results = measure(config, target, dir);
                RunResult run = new RunResult(machine, server, dir.description, o.connections(), o.duration().toSeconds(),
                        o.warmupMin(), o.warmupMax(), target.readySeconds, target.peakRssMb(), results);
                report.summary(run);
                write(run);
                return run;
            }
        }
    }

    private Target startOrAttach(Path repo, DirectoryUnderTest started) throws Exception {
        if (o.url() != null) {
            URI base = URI.create(o.url());
            List<Long> pids = !o.serverPids().isEmpty() ? o.serverPids()
                    : ListeningProcess.find(base.getHost(), base.getPort() == -1 ? 80 : base.getPort()).map(List::of)
                            .orElse(List.of());
            return Target.attach(base, repo.resolve(o.config()), pids);
        }
        String ldapUrl = started != null ? started.url : o.ldapUrl();
        return Target.start(repo, repo.resolve("target/authbridge.jar"), o.jvmArgs(), ldapUrl);
    }

    private DirectoryUnderTest directory(AuthbridgeConfig config, Target target) throws Exception {
        if (o.ldapUrl() != null) {
            return DirectoryUnderTest.external(o.ldapUrl(), o.ldapPid(), target.pids);
        }
        if (config.directory().embedded() != null) {
            int port = config.directory().embedded().port();
            return DirectoryUnderTest.embedded("ldap://127.0.0.1:" + port);
        }
        return DirectoryUnderTest.external(config.directory().urls().get(0), o.ldapPid(), target.pids);
    }

    private Map<String, ScenarioResult> measure(AuthbridgeConfig config, Target target, DirectoryUnderTest dir) throws Exception {
        String[] client = o.client().split(":", 2);
        Scenarios scenarios = new Scenarios(client[0], client[1], o.edDsaClient(), o.users());
        String ceiling = Probe.ok(target.base, "/health/live") ? "/health/live" : "/auth/v3/ping";
        LoadRunner runner = new LoadRunner(o.connections(), o.duration(), o.warmupMin(), o.warmupMax());
        Map<String, ScenarioResult> results = new LinkedHashMap<>();
        for (String name : o.scenarios()) {
            LoadRunner.ClientFactory clients;
            if (name.equals(DirectoryRate.NAME)) {
                clients = new DirectoryRate(config, dir.url, o.users());
            } else if (name.startsWith("jwt-userinfo") && !Probe.works(scenarios.clients(name, target.base, ceiling))) {
                System.out.println(name + ": skipped (the endpoint does not answer 200 on this server, or the client is unknown)");
                continue;
            } else {
                clients = scenarios.clients(name, target.base, ceiling);
            }
            CpuWindow cpu = new CpuWindow(target.pids, dir.embedded, dir.pid);
            ScenarioResult s = ScenarioResult.of(name, runner.run(clients, cpu));
            report.scenario(s);
            results.put(name, s);
        }
        return results;
    }

    private void write(RunResult run) throws Exception {
        Path out = Path.of(o.json());
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), run);
        System.out.println("\nJSON report: " + out);
    }
}
