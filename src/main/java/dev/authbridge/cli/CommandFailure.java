package dev.authbridge.cli;

import java.util.List;

/** A command cannot go on: its lines are printed to standard error and it exits with {@code exitCode}. */
final class CommandFailure extends RuntimeException {
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final int exitCode;
    private final List<String> lines;

    CommandFailure(int exitCode, List<String> lines) {
        super(String.join("\n", lines), null, false, false);
        this.exitCode = exitCode;
        this.lines = List.copyOf(lines);
    }

    CommandFailure(int exitCode, String line) {
        this(exitCode, List.of(line));
    }

    int exitCode() {
        return exitCode;
    }

    List<String> lines() {
        return lines;
    }
}
