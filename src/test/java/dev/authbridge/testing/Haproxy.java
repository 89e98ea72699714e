package dev.authbridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A private haproxy (Debian's {@code haproxy}) for tests: one HTTP frontend on a free port of
 * 127.0.0.1, round robin over the given backends ({@code host:port}), each health-checked with
 * {@code GET <healthPath>} (200 = up) every {@code checkInterval}. A request whose backend refuses
 * the connection is retried on another one ({@code retries 2}, {@code option redispatch 1}), as a
 * production setup would. Every answer names its backend in {@value #SERVED_BY}; a request with
 * {@value #ROUTE_TO}{@code : host:port} is sent to that backend while it is up (a test's way to
 * have one instance issue a token and another serve it).
 *
 * <pre>{@code
 * try (Haproxy lb = Haproxy.start(Haproxy.options().backends(List.of(a, b)))) {
 *     lb.awaitTraffic(Set.of(a, b), Duration.ofSeconds(5));
 *     ... lb.url() ...
 * }
 * }</pre>
 *
 * <p>The runtime API socket ({@code stats.sock} in {@link #dir()}) says which backends haproxy
 * sends traffic to ({@link #status()}, {@link #awaitTraffic}), so tests wait for a state instead
 * of sleeping. {@link #setBackends} is a real reload ({@code -sf}). haproxy runs as the invoking user in the foreground
 * ({@code -db}), a child of the JVM, stopped by {@link #close()} or a JVM shutdown hook; an instance
 * whose JVM was killed hard is reaped by the next {@link #start}. The system haproxy service is
 * never used (scripts/test installs the package and disables it).
 */
public final class Haproxy implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/haproxy");
    public static final String HOST = "127.0.0.1";
    /** The response header naming the backend ({@code host:port}) that answered. */
    public static final String SERVED_BY = "X-Served-By";
    /** A request header naming a backend ({@code host:port}): the request goes there while it is up. */
    public static final String ROUTE_TO = "X-Route-To";

    private static final String DIR_PREFIX = "authbridge-haproxy-";
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.-]+:[0-9]{1,5}");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Options options;
    private final Path dir;
    private final int port;
    private final Thread shutdownHook;
    private volatile Process process;
    private volatile List<String> backends;
    private boolean closed;

    private Haproxy(Options options, Path dir, int port) {
        this.options = options;
        this.dir = dir;
        this.port = port;
        this.backends = List.copyOf(options.backends);
        this.shutdownHook = new Thread(this::closeQuietly, "haproxy-" + port + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A fresh options builder: no backends yet, health path {@code /health/ready}, 250 ms checks. */
    public static Options options() {
        return new Options();
    }

    /** Writes the configuration, starts haproxy and waits until its runtime API answers. */
    public static Haproxy start(Options options) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " not found: install Debian's haproxy (scripts/test does)");
        }
        if (options.backends.isEmpty()) {
            throw new IllegalArgumentException("haproxy needs at least one backend");
        }
        ServerProcesses.reapOrphans(DIR_PREFIX, Haproxy::stopOrphan);
        Path dir = ServerProcesses.ownedTempDir(DIR_PREFIX);
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            Haproxy haproxy = new Haproxy(options, dir, ServerProcesses.freePort());
            try {
                haproxy.process = haproxy.launch(haproxy.backends, null);
                return haproxy;
            } catch (IllegalStateException e) {
                haproxy.stopProcess();
                Runtime.getRuntime().removeShutdownHook(haproxy.shutdownHook);
                last = e;
                if (!e.getMessage().contains("cannot bind")) {
                    break;
                }
            }
        }
        ServerProcesses.deleteOrKeep(dir, false);
        throw last;
    }

    /** {@code http://127.0.0.1:<port>}: where the clients of the balanced service connect. */
    public String url() {
        return "http://" + HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /** The backends ({@code host:port}) of the running configuration, in order. */
    public List<String> backends() {
        return backends;
    }

    public Path dir() {
        return dir;
    }

    /** haproxy's own output so far (state changes of backends, alerts). */
    public String log() {
        return Slapd.log(dir.resolve("haproxy.log"));
    }

    /**
     * Each backend's state as haproxy reports it: {@code UP}, {@code DOWN}, or the transitions
     * {@code UP 1/2} (failing checks, still sent traffic) and {@code DOWN 1/2} (passing checks, not
     * yet sent traffic), {@code MAINT}.
     */
    public Map<String, String> status() {
        String csv = HaproxyRuntime.command(dir.resolve("stats.sock"), "show stat", Duration.ofSeconds(5));
        String[] lines = csv.split("\n");
        List<String> header = List.of(lines[0].replaceFirst("^# ", "").split(",", -1));
        int proxy = header.indexOf("pxname");
        int server = header.indexOf("svname");
        int status = header.indexOf("status");
        Map<String, String> states = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(",", -1);
            if (fields.length > status && fields[proxy].equals("authbridge")
                    && !fields[server].equals("BACKEND") && !fields[server].equals("FRONTEND")) {
                states.put(fields[server], fields[status]);
            }
        }
        return states;
    }

    /** The backends haproxy sends new requests to now: those {@code UP}, including {@code UP 1/2}. */
    public Set<String> inTraffic() {
        return inTraffic(status());
    }

    /**
     * Waits until the backends sent traffic are exactly {@code expected} and each of them fully
     * {@code UP} (not in transition); throws with the states and log when {@code timeout} passes.
     */
    public void awaitTraffic(Set<String> expected, Duration timeout) {
        boolean reached = ServerProcesses.await(timeout, () -> {
            Map<String, String> states = status();
            return inTraffic(states).equals(new TreeSet<>(expected))
                    && expected.stream().allMatch(b -> "UP".equals(states.get(b)));
        });
        if (!reached) {
            throw new IllegalStateException("haproxy did not reach " + expected + " in traffic within " + timeout
                    + ": " + status() + "; log:\n" + log());
        }
    }

    private static Set<String> inTraffic(Map<String, String> states) {
        Set<String> up = new TreeSet<>();
        states.forEach((backend, state) -> {
            if (state.equals("UP") || state.startsWith("UP ")) {
                up.add(backend);
            }
        });
        return up;
    }

    /**
     * Reloads with another backend list, as an operator would ({@code haproxy -sf}): a new process
     * on the same port, the old one finishing its requests in flight; returns when the new one
     * answers and the old one has exited. (Not a seamless reload: a connection the old one had not
     * accepted yet may be reset.)
     */
    public synchronized void setBackends(List<String> newBackends) {
        List<String> checked = Options.checked(newBackends);
        Process old = process;
        process = launch(checked, old.pid());
        backends = checked;
        try {
            if (!old.waitFor(options.serverTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                old.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops haproxy (SIGTERM: hard stop, open connections are cut) and deletes {@link #dir()}. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopProcess();
        ServerProcesses.deleteOrKeep(dir, Boolean.getBoolean("authbridge.haproxy.keep"));
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // called from the hook itself
        }
    }

    /** Same as {@link #close()}. */
    public void stop() {
        close();
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException ignored) {
            // JVM exit: best effort
        }
    }

    @Override
    public String toString() {
        return "Haproxy[" + url() + " -> " + backends + ", " + dir + "]";
    }

    private Process launch(List<String> servers, Long replacing) {
        Path config = dir.resolve("haproxy.cfg");
        Path log = dir.resolve("haproxy.log");
        try {
            Files.writeString(config, HaproxyConfig.render(options, port, dir.resolve("stats.sock"), servers));
            List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-db", "-f", config.toString()));
            if (replacing != null) {
                command.addAll(List.of("-sf", Long.toString(replacing)));
            }
            long logSize = Files.exists(log) ? Files.size(log) : 0;
            Process started = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(ServerProcesses.devNull()))
                    .start();
            Files.writeString(dir.resolve("haproxy.pid"), Long.toString(started.pid()));
            awaitRuntimeApi(started, log, logSize);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ready when the new process answers on the socket with its own pid. */
    private void awaitRuntimeApi(Process started, Path log, long logSize) throws IOException {
        String pid = "Pid: " + started.pid() + "\n";
        boolean ready = ServerProcesses.await(START_TIMEOUT, () -> !started.isAlive() || HaproxyRuntime
                .commandQuietly(dir.resolve("stats.sock"), "show info", Duration.ofSeconds(1)).contains(pid));
        if (!started.isAlive() || !ready) {
            String output = Files.readString(log).substring((int) logSize);
            throw new IllegalStateException("haproxy did not start on port " + port
                    + (started.isAlive() ? " within " + START_TIMEOUT : ", status " + started.exitValue())
                    + ":\n" + output);
        }
    }

    private void stopProcess() {
        if (process != null) {
            Slapd.stopProcess(process);
        }
    }

    private static void stopOrphan(Path orphanDir) {
        try {
            long pid = Long.parseLong(Files.readString(orphanDir.resolve("haproxy.pid")).strip());
            ProcessHandle.of(pid)
                    .filter(p -> p.info().commandLine().orElse("").contains(orphanDir.toString()))
                    .ifPresent(ProcessHandle::destroyForcibly);
        } catch (IOException | RuntimeException ignored) {
            // no pid file: it never started
        }
    }

    // ---------------------------------------------------------------- options

    /** How to build the instance. Fluent and mutable; don't share one between instances. */
    public static final class Options {
        final List<String> backends = new ArrayList<>();
        String healthPath = "/health/ready";
        Duration checkInterval = Duration.ofMillis(250);
        int rise = 2;
        int fall = 2;
        Duration connectTimeout = Duration.ofMillis(500);
        Duration serverTimeout = Duration.ofSeconds(30);

        private Options() {}

        /** Adds one backend, {@code host:port}. */
        public Options backend(String hostPort) {
            backends.addAll(checked(List.of(hostPort)));
            return this;
        }

        public Options backends(List<String> hostPorts) {
            backends.addAll(checked(hostPorts));
            return this;
        }

        /** The health check's path, answered 200 when the backend may take traffic. */
        public Options healthPath(String healthPath) {
            if (!healthPath.startsWith("/") || healthPath.chars().anyMatch(c -> c <= ' ')) {
                throw new IllegalArgumentException("not a path: " + healthPath);
            }
            this.healthPath = healthPath;
            return this;
        }

        /** Time between two checks of a backend (default 250 ms). */
        public Options checkInterval(Duration checkInterval) {
            this.checkInterval = checkInterval;
            return this;
        }

        /** Consecutive passed checks before a down backend gets traffic again (default 2). */
        public Options rise(int rise) {
            this.rise = rise;
            return this;
        }

        /** Consecutive failed checks before a backend is taken out (default 2). */
        public Options fall(int fall) {
            this.fall = fall;
            return this;
        }

        /**
         * How long a connection to a backend may take (default 500 ms: loopback). haproxy waits as
         * long again, at most 1 s, before it retries a refused connection on another backend, so
         * this is also what a request to a killed backend costs.
         */
        public Options connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** How long a request may wait for a backend's answer (default 30 s). */
        public Options serverTimeout(Duration serverTimeout) {
            this.serverTimeout = serverTimeout;
            return this;
        }

        static List<String> checked(List<String> hostPorts) {
            for (String hostPort : hostPorts) {
                if (!HOST_PORT.matcher(hostPort).matches()) {
                    throw new IllegalArgumentException("not host:port: " + hostPort);
                }
            }
            if (new TreeSet<>(hostPorts).size() != hostPorts.size()) {
                throw new IllegalArgumentException("a backend is listed twice: " + hostPorts);
            }
            return List.copyOf(hostPorts);
        }
    }
}
