package dev.authbridge.cli;

import java.io.PrintStream;
import java.time.Clock;

/**
 * {@code java -jar authbridge.jar [command] [--config FILE]}: the command line of
 * this package. Without a command it serves. Exit codes: 0 success, 1 a check or
 * operation failed (or start-up failed), 2 a bad command line or configuration (nothing done).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code = Cli.run(args, Terminal.system());
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(args, new Terminal(out, err, System.in, null, System.getenv(), Clock.systemUTC()));
    }
}
