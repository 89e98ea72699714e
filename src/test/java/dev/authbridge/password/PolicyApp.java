package dev.authbridge.password;

import dev.authbridge.testing.PolicySlapd;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * authbridge on the shipped configuration, pointed at an OpenLDAP with password policies
 * ({@link PolicySlapd}) instead of the embedded directory, its store in a temporary directory.
 * Closing stops both and deletes the directory.
 */
final class PolicyApp implements AutoCloseable {
    final PolicySlapd slapd;
    final RunningApp app;
    private final Path dir;

    private PolicyApp(PolicySlapd slapd, RunningApp app, Path dir) {
        this.slapd = slapd;
        this.app = app;
        this.dir = dir;
    }

    static PolicyApp start() {
        PolicySlapd slapd = PolicySlapd.start();
        try {
            Path dir = Files.createTempDirectory("authbridge-password-http");
            return new PolicyApp(slapd, RunningApp.start(config(dir, slapd)), dir);
        } catch (IOException | RuntimeException e) {
            slapd.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** The configuration of this app with its store in {@code storeDir}: for a second instance. */
    TestConfig config(Path storeDir) {
        return config(storeDir, slapd);
    }

    /** A directory for another instance's store, deleted with this one. */
    Path newDir(String name) {
        try {
            return Files.createDirectories(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestConfig config(Path dir, PolicySlapd slapd) {
        return TestConfig.shipped(dir).externalDirectory(slapd.url(), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        app.close();
        slapd.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: best effort
        }
    }
}
