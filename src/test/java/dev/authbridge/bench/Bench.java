package dev.authbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.ConfigLoader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code scripts/bench}: measures authbridge against its two limits in one run — the directory's
 * raw rate for what a password grant asks of it, and the HTTP stack's ceiling on a trivial
 * endpoint — and reports each scenario's throughput, latency percentiles, errors and its ratio
 * to the limit that bounds it, with authbridge's CPU time and peak RSS. See {@code --help}.
 */
public final class Bench {
    /** The JVM settings the README recommends for production; the benchmark measures those. */
    static final List<String> RECOMMENDED_JVM = List.of("-Xms64m", "-Xmx192m", "-XX:+UseSerialGC", "-Xss512k",
            "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=128m");

    private static final String USAGE = """
            usage: scripts/bench [options]
              --url URL             use an authbridge already running there (default: start one
                                    from target/authbridge.jar on the embedded demo directory)
              --config FILE         its configuration (for the directory limit; default config.yaml)
              --ldap-url URL        directory to measure the raw rate against (default: the embedded one)
              --client ID:SECRET    client for the grants (default demo-client:demo-secret)
              --user NAME:PASSWORD  a user to sign in (repeatable; default: the demo users)
              --concurrency N       concurrent keep-alive clients (default 32)
              --duration SECONDS    measured time per scenario (default 10)
              --warmup SECONDS      unmeasured time before each scenario (default 3)
              --scenarios A,B,...   subset of: http-ceiling,directory,password,refresh,
                                    client_credentials,userinfo,jwt-userinfo,mixed
              --jvm-args "ARGS"     JVM options for the authbridge it starts (default: the
                                    README's: -Xms64m -Xmx192m -XX:+UseSerialGC -Xss512k
                                    -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=128m)
              --json FILE           where to write the JSON report (default target/bench.json)
            """;

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        if (o == null) {
            System.out.print(USAGE);
            return;
        }
        Path work = Files.createTempDirectory("authbridge-bench");
        Path repo = Path.of("").toAbsolutePath();
        try (Target target = o.url == null
                ? Target.start(repo, repo.resolve("target/authbridge.jar"), o.jvmArgs, work)
                : Target.attach(URI.create(o.url), repo.resolve(o.config))) {
            new Bench().run(o, target);
        }
    }

    private void run(Options o, Target target) throws Exception {
        AuthbridgeConfig config = new ConfigLoader(System.getenv()).load(target.config);
        String ldapUrl = o.ldapUrl != null ? o.ldapUrl
                : config.directory().embedded() != null ? "ldap://127.0.0.1:" + config.directory().embedded().port()
                : config.directory().urls().get(0);
        String[] client = o.client.split(":", 2);
        Scenarios scenarios = new Scenarios(client[0], client[1], o.users);
        LoadRunner runner = new LoadRunner(target.base, o.concurrency);
        String ceiling = probe(target.base, "/health/live") ? "/health/live" : "/auth/v3/ping";
        Map<String, LoadRunner.Workload> workloads = scenarios.all(ceiling);

        System.out.printf(Locale.ROOT, "authbridge at %s (%s), %d clients, %ds per scenario after %ds warm-up, %d cores%n",
                target.base, target.measured() ? "started by the benchmark, ready in "
                        + String.format(Locale.ROOT, "%.2f s", target.readySeconds) : "already running",
                o.concurrency, o.duration.toSeconds(), o.warmup.toSeconds(), Runtime.getRuntime().availableProcessors());
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (String name : o.scenarios) {
            if (name.equals("jwt-userinfo") && !probeAuthenticated(target.base, scenarios, workloads)) {
                System.out.println("jwt-userinfo: skipped (the endpoint does not exist on this server)");
                continue;
            }
            double cpu0 = target.cpuSeconds();
            LoadRunner.Result r = name.equals("directory")
                    ? new DirectoryRate(config, ldapUrl, o.users).run(o.concurrency, o.warmup, o.duration)
                    : runner.run(workloads.get(name), o.warmup, o.duration);
            double cpu = target.cpuSeconds() - cpu0;
            rows.put(name, row(r, cpu / (r.seconds() + o.warmup.toSeconds()), target.sampleRssMb()));
        }
        Report.print(rows, target, ceiling);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.version"),
                "java", System.getProperty("java.version")));
        json.put("concurrency", o.concurrency);
        json.put("durationSeconds", o.duration.toSeconds());
        json.put("readySeconds", target.readySeconds);
        json.put("peakRssMb", target.peakRssMb());
        json.put("scenarios", rows);
        json.put("ratios", Report.ratios(rows));
        Path out = Path.of(o.json);
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
        System.out.println("JSON report: " + out);
    }

    private static Map<String, Object> row(LoadRunner.Result r, double cpuCoresBusy, double rssMb) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("throughput", r.throughput());
        m.put("operations", r.operations());
        m.put("errors", r.errors());
        m.put("p50Ms", r.percentileMillis(50));
        m.put("p90Ms", r.percentileMillis(90));
        m.put("p99Ms", r.percentileMillis(99));
        m.put("maxMs", r.percentileMillis(100));
        m.put("serverCpuCores", cpuCoresBusy);
        m.put("rssMb", rssMb);
        return m;
    }

    private static boolean probe(URI base, String path) {
        try (HttpConnection h = new HttpConnection(base)) {
            return h.get(path, null).status() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean probeAuthenticated(URI base, Scenarios s, Map<String, LoadRunner.Workload> w) {
        try (HttpConnection h = new HttpConnection(base)) {
            return w.get("jwt-userinfo").client(0, h).run(h);
        } catch (Exception e) {
            return false;
        }
    }

    private record Options(String url, String config, String ldapUrl, String client, List<Scenarios.Credentials> users,
            int concurrency, Duration duration, Duration warmup, List<String> scenarios, List<String> jvmArgs, String json) {

        static Options parse(String[] args) {
            String url = null, config = "config.yaml", ldap = null, client = "demo-client:demo-secret", json = "target/bench.json";
            List<Scenarios.Credentials> users = new ArrayList<>();
            int concurrency = 32;
            Duration duration = Duration.ofSeconds(10), warmup = Duration.ofSeconds(3);
            List<String> scenarios = List.of("http-ceiling", "directory", "password", "refresh", "client_credentials",
                    "userinfo", "jwt-userinfo", "mixed");
            List<String> jvm = RECOMMENDED_JVM;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    return null;
                }
                String v = i + 1 < args.length ? args[++i] : "";
                switch (a) {
                    case "--url" -> url = v;
                    case "--config" -> config = v;
                    case "--ldap-url" -> ldap = v;
                    case "--client" -> client = v;
                    case "--user" -> {
                        String[] p = v.split(":", 2);
                        users.add(new Scenarios.Credentials(p[0], p[1]));
                    }
                    case "--concurrency" -> concurrency = Integer.parseInt(v);
                    case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(v));
                    case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(v));
                    case "--scenarios" -> scenarios = Arrays.asList(v.split(","));
                    case "--jvm-args" -> jvm = v.isBlank() ? List.of() : Arrays.asList(v.trim().split("\\s+"));
                    case "--json" -> json = v;
                    default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
                }
            }
            if (users.isEmpty()) {
                users = demoUsers();
            }
            return new Options(url, config, ldap, client, users, concurrency, duration, warmup, scenarios, jvm, json);
        }

        private static List<Scenarios.Credentials> demoUsers() {
            List<Scenarios.Credentials> users = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                users.add(new Scenarios.Credentials("demo\\agent" + i, "agent" + i + "-Secret!"));
            }
            users.add(new Scenarios.Credentials("demo\\supervisor1", "supervisor1-Secret!"));
            users.add(new Scenarios.Credentials("demo\\supervisor2", "supervisor2-Secret!"));
            for (int i = 1; i <= 5; i++) {
                users.add(new Scenarios.Credentials("acme\\agent" + i, "acme-agent" + i + "-Secret!"));
            }
            return users;
        }
    }
}
