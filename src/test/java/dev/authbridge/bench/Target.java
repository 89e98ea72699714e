package dev.authbridge.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The authbridge under test: either a child process this benchmark starts on the embedded demo
 * directory (its CPU time and memory read from /proc), or one already running at a URL.
 */
final class Target implements AutoCloseable {
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    final URI base;
    final Path config;
    final Process process;
    final double readySeconds;
    private long peakRssKb;

    private Target(URI base, Path config, Process process, double readySeconds) {
        this.base = base;
        this.config = config;
        this.process = process;
        this.readySeconds = readySeconds;
    }

    static Target attach(URI base, Path config) {
        return new Target(base, config, null, Double.NaN);
    }

    /** Starts {@code java [jvmArgs] -jar jar --config <demo config on free ports>}. */
    static Target start(Path repo, Path jar, List<String> jvmArgs, Path workDir) throws Exception {
        int httpPort = freePort();
        int ldapPort = freePort();
        String yaml = Files.readString(repo.resolve("config.yaml"))
                .replace("port: 8095", "port: " + httpPort)
                .replace("port: 10389", "port: " + ldapPort)
                .replace("path: data/authbridge.db", "path: " + workDir.resolve("bench.db"))
                .replace("- ldif/", "- " + repo.resolve("ldif") + "/");
        Path config = workDir.resolve("config.yaml");
        Files.writeString(config, yaml);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", jar.toString(), "--config", config.toString()));
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("authbridge.log").toFile()).start();
        URI base = URI.create("http://127.0.0.1:" + httpPort);
        HttpConnection probe = new HttpConnection(base);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("authbridge exited; see " + workDir.resolve("authbridge.log"));
            }
            try {
                probe.get("/auth/v3/ping", null);
                break;
            } catch (IOException notYet) {
                Thread.sleep(10);
            }
            if (System.nanoTime() - t0 > 60_000_000_000L) {
                throw new IllegalStateException("authbridge not ready after 60 s");
            }
        }
        double ready = (System.nanoTime() - t0) / 1e9;
        probe.close();
        return new Target(base, config, process, ready);
    }

    boolean measured() {
        return process != null;
    }

    /** CPU seconds (user + system) the authbridge process has used so far, or NaN. */
    double cpuSeconds() {
        if (process == null) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS_PER_SECOND;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** Samples resident memory; returns the current value in MB and keeps the peak. */
    double sampleRssMb() {
        if (process == null) {
            return Double.NaN;
        }
        long hwm = statusKb("VmHWM");
        peakRssKb = Math.max(peakRssKb, hwm);
        return statusKb("VmRSS") / 1024.0;
    }

    double peakRssMb() {
        sampleRssMb();
        return process == null ? Double.NaN : peakRssKb / 1024.0;
    }

    private long statusKb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // process gone
        }
        return 0;
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
            process.waitFor();
        }
    }
}
