package dev.authbridge.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What the external-server harnesses ({@link Postgres}, {@link Haproxy}, {@link AuthbridgeProcess})
 * share: a temporary directory per instance that names its owner JVM, reaping the instances of a
 * JVM that died without running its shutdown hooks, running a command with a bounded wait, free
 * loopback ports and bounded polling.
 */
final class ServerProcesses {
    static final String OWNER_FILE = "owner.pid";
    private static final File DEV_NULL = new File("/dev/null");

    private ServerProcesses() {}

    /** A new directory {@code <java.io.tmpdir>/<prefix>…} holding {@link #OWNER_FILE} (this JVM's pid). */
    static Path ownedTempDir(String prefix) {
        return ownedTempDir(tmpDir(), prefix);
    }

    /** A new directory {@code <base>/<prefix>…} holding {@link #OWNER_FILE} (this JVM's pid). */
    static Path ownedTempDir(Path base, String prefix) {
        try {
            Path dir = Files.createTempDirectory(base, prefix);
            Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * For every {@code <tmp>/<prefix>…} directory whose owner JVM is gone (killed hard: no shutdown
     * hook ran), calls {@code stopServers} with it (best effort) and deletes it. Directories of live
     * JVMs and those marked {@code KEEP} stay.
     */
    static void reapOrphans(String prefix, Consumer<Path> stopServers) {
        reapOrphans(tmpDir(), prefix, stopServers);
    }

    /** As {@link #reapOrphans(String, Consumer)} in {@code base}. */
    static void reapOrphans(Path base, String prefix, Consumer<Path> stopServers) {
        try (Stream<Path> dirs = Files.list(base)) {
            dirs.filter(d -> d.getFileName().toString().startsWith(prefix))
                    .filter(d -> Files.isRegularFile(d.resolve(OWNER_FILE)))
                    .filter(d -> !Files.exists(d.resolve("KEEP")))
                    .filter(d -> !ownerAlive(d))
                    .forEach(d -> {
                        try {
                            stopServers.accept(d);
                        } catch (RuntimeException ignored) {
                            // best effort: the directory goes anyway
                        }
                        Slapd.deleteTree(d);
                    });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }

    private static boolean ownerAlive(Path dir) {
        try {
            long owner = Long.parseLong(Files.readString(dir.resolve(OWNER_FILE)).strip());
            return ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | RuntimeException e) {
            return true; // half-written by a live JVM: skip it this time
        }
    }

    /** Deletes {@code dir}, or marks it {@code KEEP} when {@code keep} (for a post-mortem). */
    static void deleteOrKeep(Path dir, boolean keep) {
        if (!keep) {
            Slapd.deleteTree(dir);
            return;
        }
        try {
            Files.writeString(dir.resolve("KEEP"), "kept for a post-mortem\n");
        } catch (IOException ignored) {
            // best effort
        }
    }

    /**
     * Runs {@code command} in {@code workDir} with {@code env} added, output appended to {@code log},
     * and waits at most {@code timeout}; a non-zero status or a timeout throws with the log's tail.
     */
    static void run(Path workDir, Map<String, String> env, Path log, Duration timeout, List<String> command) {
        int status = runForStatus(workDir, env, log, timeout, command);
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with status " + status
                    + "; " + log.getFileName() + ":\n" + Slapd.log(log));
        }
    }

    /** As {@link #run} but returns the exit status instead of throwing on a non-zero one. */
    static int runForStatus(Path workDir, Map<String, String> env, Path log, Duration timeout, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
                        + "; " + log.getFileName() + ":\n" + Slapd.log(log));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
        return process.exitValue();
    }

    /**
     * A port free on 127.0.0.1 right now, for a server process that must be told its port (slapd,
     * PostgreSQL, haproxy): it may be taken before the server binds it, so each caller starts
     * again on another when the server reports the address in use. In-process servers bind
     * port 0 and read the bound port back instead.
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code condition} every 25 ms until it holds; false when {@code timeout} passed first. */
    static boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    static Path tmpDir() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    static File devNull() {
        return DEV_NULL;
    }
}
