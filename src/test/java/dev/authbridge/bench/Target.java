package dev.authbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The authbridge under test: a child process this bench starts from the jar (on the embedded demo
 * directory, or on an external one), or one or more processes already running behind a URL.
 * {@link #pids} are the server processes whose CPU and memory are measured (none: unknown).
 */
final class Target implements AutoCloseable {
    private static final long READY_TIMEOUT_NANOS = 60_000_000_000L;

    final URI base;
    final Path config;
    final List<Long> pids;
    final double readySeconds;
    final String jvm;
    private final Process process;
    private final Path workDir;

    private Target(URI base, Path config, List<Long> pids, Process process, double readySeconds, String jvm, Path workDir) {
        this.base = base;
        this.config = config;
        this.pids = List.copyOf(pids);
        this.process = process;
        this.readySeconds = readySeconds;
        this.jvm = jvm;
        this.workDir = workDir;
    }

    static Target attach(URI base, Path config, List<Long> pids) {
        String jvm = pids.stream().map(Target::jvmOf).distinct().collect(Collectors.joining("; "));
        return new Target(base, config, pids, null, Double.NaN, pids.isEmpty() ? "unknown (no server pid)" : jvm, null);
    }

    /**
     * Starts {@code java [jvmArgs] -jar jar --config <the shipped config.yaml on free ports>}; with
     * {@code ldapUrl}, without {@code directory.embedded} and with {@code directory.urls: [ldapUrl]}.
     * Ready is the time from launch to the first answered request.
     */
    static Target start(Path repo, Path jar, List<String> jvmArgs, String ldapUrl) throws Exception {
        Path workDir = Files.createTempDirectory("authbridge-bench");
        int httpPort = freePort();
        Path config = workDir.resolve("config.yaml");
        writeConfig(repo, config, httpPort, ldapUrl, workDir.resolve("bench.db"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", jar.toString(), "--config", config.toString()));
        Path log = workDir.resolve("authbridge.log");
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        URI base = URI.create("http://127.0.0.1:" + httpPort);
        try (HttpConnection probe = new HttpConnection(base)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("authbridge exited; see " + log);
                }
                try {
                    probe.get("/auth/v3/ping", null);
                    break;
                } catch (IOException notYet) {
                    Thread.sleep(5);
                }
                if (System.nanoTime() - t0 > READY_TIMEOUT_NANOS) {
                    process.destroyForcibly();
                    throw new IllegalStateException("authbridge not ready after 60 s; see " + log);
                }
            }
        }
        double ready = (System.nanoTime() - t0) / 1e9;
        String jvm = System.getProperty("java.vm.name") + " " + Runtime.version() + ", flags: "
                + (jvmArgs.isEmpty() ? "(none)" : String.join(" ", jvmArgs));
        return new Target(base, config, List.of(process.pid()), process, ready, jvm, workDir);
    }

    /** Whether the bench started the server (so that its ready time was measured). */
    boolean started() {
        return process != null;
    }

    /** The largest peak resident memory (VmHWM) of the server processes, in MB; NaN when unknown. */
    double peakRssMb() {
        long kb = pids.stream().mapToLong(pid -> Proc.statusKb(pid, "VmHWM")).max().orElse(0);
        return kb == 0 ? Double.NaN : kb / 1024.0;
    }

    private static void writeConfig(Path repo, Path config, int httpPort, String ldapUrl, Path db) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode root = (ObjectNode) yaml.readTree(repo.resolve("config.yaml").toFile());
        ((ObjectNode) root.get("server")).put("port", httpPort);
        ((ObjectNode) root.get("store")).put("path", db.toString());
        ObjectNode directory = (ObjectNode) root.get("directory");
        if (ldapUrl == null) {
            ObjectNode embedded = (ObjectNode) directory.get("embedded");
            embedded.put("port", freePort());
            List<String> files = new ArrayList<>();
            embedded.get("ldif").forEach(file -> files.add(repo.resolve(file.asText()).toString()));
            ArrayNode ldif = embedded.putArray("ldif");
            files.forEach(ldif::add);
        } else {
            directory.remove("embedded");
            directory.putArray("urls").add(ldapUrl);
        }
        yaml.writeValue(config.toFile(), root);
    }

    private static String jvmOf(long pid) {
        List<String> args = Proc.commandLine(pid);
        if (args.isEmpty()) {
            return "pid " + pid + ": gone";
        }
        String flags = args.stream().skip(1).filter(a -> a.startsWith("-X")).collect(Collectors.joining(" "));
        return "pid " + pid + ": " + args.get(0) + ", flags: " + (flags.isEmpty() ? "(none)" : flags);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            deleteTree(workDir);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
