package dev.authbridge.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * What a command talks to: its streams, the environment and the clock, passed in so that tests
 * run commands in-process and read what they print.
 *
 * @param console the interactive console for password prompts, or null (then passwords are read
 *     as one line from {@code in})
 */
public record Terminal(PrintStream out, PrintStream err, InputStream in, Console console,
        Map<String, String> env, Clock clock) {

    /** The process's own streams, environment and clock. */
    public static Terminal system() {
        return new Terminal(System.out, System.err, System.in, System.console(), System.getenv(), Clock.systemUTC());
    }
}
