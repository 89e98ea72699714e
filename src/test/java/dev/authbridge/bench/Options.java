package dev.authbridge.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code scripts/bench}'s command line. {@link #parse} returns null for {@code --help}. */
record Options(String url, String config, String ldapUrl, Long ldapPid, boolean startSlapd, List<Long> serverPids,
        String client, String edDsaClient, List<Scenarios.Credentials> users, int connections, Duration duration, int warmupMin,
        int warmupMax, List<String> scenarios, List<String> jvmArgs, String json, boolean allowNoise, boolean scaleOut) {

    /** Every scenario, in the order they run and are reported. */
    static final List<String> SCENARIOS = List.of("http-ceiling", DirectoryRate.NAME, "password", "refresh",
            "client_credentials", "userinfo", "jwt-userinfo", "jwt-userinfo-eddsa", "mixed");

    /** The JVM settings the README recommends for production; the bench starts authbridge with them. */
    static final List<String> RECOMMENDED_JVM = List.of("-Xms64m", "-Xmx192m", "-XX:+UseSerialGC", "-Xss512k",
            "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=128m", "-XX:SharedArchiveFile=target/authbridge.jsa");

    static final String USAGE = """
            usage: scripts/bench [options]
            Measures authbridge and the two limits that bound it, in one run, and checks the goals
            of the performance round (issue 14). Without --url it starts authbridge itself from
            target/authbridge.jar on the shipped config.yaml (free ports, a temporary store).

            What is measured
              --scenarios A,B,...   a subset of: http-ceiling,directory,password,refresh,
                                    client_credentials,userinfo,jwt-userinfo,jwt-userinfo-eddsa,
                                    mixed (default: all)
              --connections N       concurrent keep-alive clients, each its own connection (default 16)
              --duration SECONDS    measured window per scenario (default 15)
              --warmup-min SECONDS  warm-up before the first try of a window (default 5)
              --warmup-max SECONDS  warm-up cap: a window is kept when its first second and the last 3
                                    warm-up seconds are within 10 % of the last one and the server's
                                    JIT compilers used at most 5 % of the machine in each, or,
                                    unsettled, after this (default 90)
              --client ID:SECRET    client for the grants (default demo-client:demo-secret)
              --eddsa-client ID:SECRET  client of jwt-userinfo-eddsa, one registered with
                                    gwsUserAlgorithm: EdDSA (default demo-services:demo-secret)
              --user NAME:PASSWORD  a user to sign in (repeatable; default: the 15 demo users)

            The directory
              (default)             the embedded demo directory, inside authbridge
              --start-slapd         start a private OpenLDAP (/usr/sbin/slapd) with ldif/ and run
                                    authbridge against it
              --ldap-url URL        an external directory loaded with ldif/: authbridge (when started
                                    here) and the directory limit use it
              --ldap-pid PID        its process, for its CPU (default: the local process listening
                                    on the URL's port)

            The server
              --jvm-args "ARGS"     JVM options of the authbridge started here (default: the
                                    README's: -Xms64m -Xmx192m -XX:+UseSerialGC -Xss512k
                                    -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=128m
                                    -XX:SharedArchiveFile=target/authbridge.jsa, the archive
                                    that mvn package makes)
              --url URL             measure an authbridge already running there (a load balancer too)
              --config FILE         its configuration, for the directory limit (default config.yaml)
              --server-pids P,Q,... its processes, CPU summed over them (default: the local process
                                    listening on the URL's port; behind a load balancer, name the
                                    instances, and the balancer too if it counts as the server)

            Scale-out (issue 12)
              --scale-out           instead of the above: a private PostgreSQL and haproxy, then through
                                    haproxy 1 instance on SQLite and 1, 2 and 3 instances on PostgreSQL,
                                    each measured on refresh and userinfo (or --scenarios); reports the
                                    throughput per instance and its ratio to SQLite's (goal: ≥ 0.8);
                                    JSON report target/bench-scale-out.json

            The report
              --json FILE           the JSON report (default target/bench.json)
              --allow-noise         exit 0 even when the run is not publishable

            A scenario is not publishable when something else used more than 10 % of the machine's
            CPU during its window (the machine's CPU from /proc/stat, less the server's, the
            directory's and the bench's own), when the hypervisor stole more than 10 %, or when its
            warm-up did not settle. Exit status: 0 publishable (or --allow-noise), 1 the bench failed,
            2 a bad command line, 3 not publishable. The goals print PASS/FAIL and do not change
            the exit status. Examples:
              scripts/bench
              scripts/bench --start-slapd
              scripts/bench --scale-out
              scripts/bench --url http://127.0.0.1:8095 --ldap-url ldap://127.0.0.1:389 --server-pids 1234
            """;

    static Options parse(String[] args) {
        String url = null, config = "config.yaml", ldapUrl = null, client = "demo-client:demo-secret",
                edDsaClient = "demo-services:demo-secret";
        String json = "target/bench.json";
        Long ldapPid = null;
        boolean startSlapd = false, allowNoise = false, scaleOut = false;
        List<Long> serverPids = List.of();
        List<Scenarios.Credentials> users = new ArrayList<>();
        int connections = 16, warmupMin = 5, warmupMax = 90;
        Duration duration = Duration.ofSeconds(15);
        List<String> scenarios = SCENARIOS;
        List<String> jvm = RECOMMENDED_JVM;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--start-slapd" -> startSlapd = true;
                case "--allow-noise" -> allowNoise = true;
                case "--scale-out" -> scaleOut = true;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a.startsWith("--") ? a + " needs a value" : "unknown argument " + a);
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--url" -> url = v;
                        case "--config" -> config = v;
                        case "--ldap-url" -> ldapUrl = v;
                        case "--ldap-pid" -> ldapPid = number(a, v);
                        case "--server-pids" -> serverPids = Arrays.stream(v.split(",")).map(p -> number(a, p.strip())).distinct().toList();
                        case "--client" -> client = pair(a, v);
                        case "--eddsa-client" -> edDsaClient = pair(a, v);
                        case "--user" -> {
                            String[] p = pair(a, v).split(":", 2);
                            users.add(new Scenarios.Credentials(p[0], p[1]));
                        }
                        case "--connections", "--concurrency" -> connections = positive(a, v);
                        case "--duration" -> duration = Duration.ofSeconds(positive(a, v));
                        case "--warmup-min" -> warmupMin = positive(a, v);
                        case "--warmup-max" -> warmupMax = positive(a, v);
                        case "--scenarios" -> scenarios = scenarios(v);
                        case "--jvm-args" -> jvm = v.isBlank() ? List.of() : Arrays.asList(v.strip().split("\\s+"));
                        case "--json" -> json = v;
                        default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
                    }
                }
            }
        }
        if (startSlapd && (url != null || ldapUrl != null)) {
            throw new IllegalArgumentException("--start-slapd starts both OpenLDAP and authbridge: leave out --url and --ldap-url");
        }
        if (scaleOut && (startSlapd || url != null || ldapUrl != null)) {
            throw new IllegalArgumentException("--scale-out starts its own instances on the embedded directory: "
                    + "leave out --url, --ldap-url and --start-slapd");
        }
        if (scaleOut && scenarios.contains(DirectoryRate.NAME) && scenarios != SCENARIOS) {
            throw new IllegalArgumentException("--scale-out measures HTTP scenarios, not " + DirectoryRate.NAME);
        }
        if (scaleOut) {
            scenarios = scenarios == SCENARIOS ? ScaleOut.SCENARIOS : scenarios;
            json = json.equals("target/bench.json") ? ScaleOut.JSON : json;
        }
        if (warmupMax < warmupMin) {
            throw new IllegalArgumentException("--warmup-max must be at least --warmup-min (" + warmupMin + ")");
        }
        if (!serverPids.isEmpty() && url == null) {
            throw new IllegalArgumentException("--server-pids goes with --url (the bench knows the authbridge it starts)");
        }
        return new Options(url, config, ldapUrl, ldapPid, startSlapd, serverPids, client, edDsaClient,
                users.isEmpty() ? demoUsers() : users, connections, duration, warmupMin, warmupMax, scenarios, jvm, json, allowNoise,
                scaleOut);
    }

    private static List<String> scenarios(String v) {
        List<String> chosen = Arrays.stream(v.split(",")).map(String::strip).toList();
        for (String s : chosen) {
            if (!SCENARIOS.contains(s)) {
                throw new IllegalArgumentException("unknown scenario " + s + "; known: " + String.join(",", SCENARIOS));
            }
        }
        return SCENARIOS.stream().filter(chosen::contains).toList();
    }

    private static long number(String option, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, not '" + v + "'");
        }
    }

    private static int positive(String option, String v) {
        long n = number(option, v);
        if (n < 1 || n > 100_000) {
            throw new IllegalArgumentException(option + " takes a number from 1 to 100000, not " + v);
        }
        return (int) n;
    }

    private static String pair(String option, String v) {
        if (!v.contains(":")) {
            throw new IllegalArgumentException(option + " takes NAME:SECRET");
        }
        return v;
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
