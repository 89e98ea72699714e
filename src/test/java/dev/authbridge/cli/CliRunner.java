package dev.authbridge.cli;

import dev.authbridge.testing.TestConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Runs the command line in-process, as {@code java -jar authbridge.jar ...} would, and captures its output. */
final class CliRunner {
    /** What a run printed and returned. */
    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private CliRunner() {}

    static Result run(String stdin, String... args) {
        return runAt(Clock.systemUTC(), stdin, args);
    }

    static Result runAt(Clock clock, String stdin, String... args) {
        return runWith(clock, Map.of(), stdin, args);
    }

    /** With {@code env} as the environment (variables a command reads, such as a password). */
    static Result runWith(Clock clock, Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)), null,
                env, clock);
        int exit = Cli.run(args, terminal);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Writes {@code config} to {@code dir/config.yaml} ({@link TestConfig#yaml()}). */
    static Path writeConfig(Path dir, TestConfig config) {
        return writeConfig(dir, config.yaml());
    }

    /** Writes {@code yaml} as it is to {@code dir/config.yaml}: for a file the loader must refuse. */
    static Path writeConfig(Path dir, String yaml) {
        Path file = dir.resolve("config.yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
