package dev.authbridge.testing;

import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * authbridge as a separate JVM, as production runs it: {@code java -cp <this JVM's class path>
 * dev.authbridge.cli.Main serve --config <file>} (the jar is not built during {@code mvn test}), the
 * shipped {@code logback.xml}, small heap and quick-start flags ({@link #JVM_FLAGS}) so that three
 * fit on the machine. For tests that kill an instance, run several behind {@link Haproxy}, or need
 * what only a process has (its own static state, a real SIGTERM).
 *
 * <pre>{@code
 * try (AuthbridgeProcess node = AuthbridgeProcess.start(TestConfig.shipped(storeDir))) {
 *     node.http().token("grant_type", "password", ...);   // or node.baseUrl()
 *     node.kill9();
 * }
 * }</pre>
 *
 * <p>Ports: give {@code port: 0} and the bound port is read back from the log line
 * {@code authbridge listening on http://host:port/auth/v3} (and {@code health and metrics on …}
 * with {@code management.port}). {@link #start} returns once {@code /health/live} answers 200
 * (readiness is the test's business: an instance whose store is down is live and not ready).
 * Layout of {@link #dir()}: {@code config.yaml}, {@code authbridge.log} (stdout and stderr),
 * {@code java.pid}, {@code owner.pid}; deleted by {@link #close()} unless
 * {@code -Dauthbridge.process.keep=true}. The JVM's shutdown hook kills the process; one left by a
 * JVM killed hard is reaped by the next {@link #start}.
 */
public final class AuthbridgeProcess implements AutoCloseable {
    public static final List<String> JVM_FLAGS = List.of("-Xmx192m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData");
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static final String DIR_PREFIX = "authbridge-process-";
    private static final Pattern LISTENING =
            Pattern.compile("authbridge listening on (https?)://([^\\s:/]+):(\\d+)/auth/v3");
    private static final Pattern MANAGEMENT = Pattern.compile("health and metrics on (http://[^\\s:/]+:\\d+)(\\S*)");

    private final Path dir;
    private final Map<String, String> env;
    private final List<String> jvmFlags;
    private final String healthPath;
    private final Thread shutdownHook;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Process process;
    private volatile String baseUrl;
    private volatile String healthUrl;
    private boolean closed;

    private AuthbridgeProcess(Path dir, Map<String, String> env, List<String> jvmFlags, String healthPath) {
        this.dir = dir;
        this.env = env;
        this.jvmFlags = jvmFlags;
        this.healthPath = healthPath;
        this.shutdownHook = new Thread(this::killQuietly, "authbridge-process-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static AuthbridgeProcess start(TestConfig config) {
        return start(config, Map.of());
    }

    /**
     * Writes {@code config} as its {@code config.yaml} ({@link TestConfig#yaml()}: values expanded,
     * paths absolute, so the file means the same in the process's directory), checks it as
     * authbridge would (a bad one throws here, listing its problems), starts the JVM with
     * {@code env} added to this one's, and waits until it is live.
     */
    public static AuthbridgeProcess start(TestConfig config, Map<String, String> env) {
        return start(config, env, JVM_FLAGS);
    }

    /**
     * As {@link #start(TestConfig, Map)} with other JVM options than {@link #JVM_FLAGS} (the
     * benchmark runs the README's production flags: a fully compiling JIT).
     */
    public static AuthbridgeProcess start(TestConfig config, Map<String, String> env, List<String> jvmFlags) {
        String configYaml = config.yaml();
        ServerProcesses.reapOrphans(DIR_PREFIX, AuthbridgeProcess::killOrphan);
        Path dir = ServerProcesses.ownedTempDir(DIR_PREFIX);
        AuthbridgeProcess node = null;
        try {
            Path file = dir.resolve("config.yaml");
            Files.writeString(file, configYaml);
            Map<String, String> fullEnv = new HashMap<>(System.getenv());
            fullEnv.putAll(env);
            AuthbridgeConfig parsed = new ConfigLoader(fullEnv).load(file);
            node = new AuthbridgeProcess(dir, Map.copyOf(env), List.copyOf(jvmFlags), parsed.management().healthPath());
            node.launch();
            return node;
        } catch (IOException | RuntimeException e) {
            if (node != null) {
                node.close();
            } else {
                ServerProcesses.deleteOrKeep(dir, false);
            }
            throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, as {@link RunningApp#baseUrl()}: API paths start {@code /auth/v3}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** {@code 127.0.0.1:<port>}: a {@link Haproxy} backend. */
    public String hostPort() {
        return URI.create(baseUrl).getAuthority();
    }

    /** Where {@code /live} and {@code /ready} are: the API's listener or {@code management.port}'s. */
    public String healthUrl() {
        return healthUrl;
    }

    /** A client for {@link #baseUrl()}. */
    public HttpTestClient http() {
        return new HttpTestClient(baseUrl);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status; throws while the process runs. */
    public int exitValue() {
        return process.exitValue();
    }

    public Path dir() {
        return dir;
    }

    public Path logFile() {
        return dir.resolve("authbridge.log");
    }

    /** The last lines of its stdout and stderr (for assertion messages). */
    public String log() {
        return Slapd.log(logFile());
    }

    /** Whether {@code /health/ready} answers 200 now. */
    public boolean isReady() {
        return status(healthUrl + "/ready") == 200;
    }

    /** Waits until {@code /health/ready} answers 200; throws with the log when {@code timeout} passes. */
    public void awaitReady(Duration timeout) {
        if (!ServerProcesses.await(timeout, this::isReady)) {
            throw new IllegalStateException("authbridge not ready within " + timeout + "; log:\n" + log());
        }
    }

    /** SIGKILL: the process ends at once, nothing of it runs (no shutdown hook, no response). */
    public synchronized void kill9() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** SIGTERM: authbridge's shutdown hook closes it gracefully; SIGKILL after 20 s. Returns the exit status. */
    public synchronized int stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        awaitExit(Duration.ofSeconds(10));
        return process.exitValue();
    }

    /**
     * Starts it again after {@link #kill9()} or {@link #stop()} with the same config file (a new port
     * when it asks for port 0), waiting until it is live.
     */
    public synchronized void restart() {
        if (closed || process.isAlive()) {
            throw new IllegalStateException(closed ? "closed" : "still running: " + this);
        }
        launch();
    }

    /** Stops it (SIGTERM) if it runs and deletes {@link #dir()}. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (process != null && process.isAlive()) {
            stop();
        }
        ServerProcesses.deleteOrKeep(dir, Boolean.getBoolean("authbridge.process.keep"));
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // called from the hook itself
        }
    }

    @Override
    public String toString() {
        return "AuthbridgeProcess[" + baseUrl + ", pid " + (process == null ? "-" : process.pid()) + ", " + dir + "]";
    }

    private void launch() {
        Path log = logFile();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        // the test class path holds logback-test.xml (WARN): the process logs as the jar does
        command.add("-Dlogback.configurationFile=logback.xml");
        command.addAll(List.of("-cp", absoluteClassPath(), "dev.authbridge.cli.Main",
                "serve", "--config", dir.resolve("config.yaml").toString()));
        try {
            long logSize = Files.exists(log) ? Files.size(log) : 0;
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(ServerProcesses.devNull()));
            builder.environment().putAll(env);
            process = builder.start();
            Files.writeString(dir.resolve("java.pid"), Long.toString(process.pid()));
            awaitListening(log, logSize);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!ServerProcesses.await(START_TIMEOUT, () -> status(healthUrl + "/live") == 200 || !process.isAlive())
                || !process.isAlive()) {
            throw new IllegalStateException("authbridge is not live at " + healthUrl + "/live; log:\n" + log());
        }
    }

    /** This JVM's class path with every entry absolute: the process runs in {@link #dir()}. */
    private static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** Reads the bound ports back from the log lines of this launch. */
    private void awaitListening(Path log, long from) {
        String[] found = new String[2];
        boolean listening = ServerProcesses.await(START_TIMEOUT, () -> {
            String text = logSince(log, from);
            Matcher api = LISTENING.matcher(text);
            if (api.find()) {
                found[0] = api.group(1) + "://" + api.group(2) + ":" + api.group(3);
                Matcher management = MANAGEMENT.matcher(text);
                found[1] = management.find() ? management.group(1) + management.group(2) : null;
                return true;
            }
            return !process.isAlive();
        });
        if (!listening || found[0] == null) {
            process.destroyForcibly();
            throw new IllegalStateException("authbridge did not start" + (listening ? " (exit status "
                    + exitStatusSoon() + ")" : " within " + START_TIMEOUT) + "; log:\n" + log());
        }
        baseUrl = found[0];
        healthUrl = found[1] != null ? found[1] : baseUrl + healthPath;
    }

    private int status(String url) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("authbridge (pid " + process.pid() + ") still runs after " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String exitStatusSoon() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static String logSince(Path log, long from) {
        try {
            byte[] bytes = Files.readAllBytes(log);
            int start = (int) Math.min(from, bytes.length);
            return new String(bytes, start, bytes.length - start);
        } catch (IOException e) {
            return "";
        }
    }

    private void killQuietly() {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
        }
        ServerProcesses.deleteOrKeep(dir, Boolean.getBoolean("authbridge.process.keep"));
    }

    private static void killOrphan(Path orphanDir) {
        try {
            long pid = Long.parseLong(Files.readString(orphanDir.resolve("java.pid")).strip());
            ProcessHandle.of(pid)
                    .filter(p -> p.info().commandLine().orElse("").contains(orphanDir.toString()))
                    .ifPresent(ProcessHandle::destroyForcibly);
        } catch (IOException | RuntimeException ignored) {
            // no pid file: it never started
        }
    }
}
