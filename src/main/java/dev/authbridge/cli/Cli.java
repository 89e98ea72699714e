package dev.authbridge.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Runs the command line: parses, executes, and turns every failure into an exit code. */
public final class Cli {
    private Cli() {}

    public static int run(String[] args, Terminal terminal) {
        CommandLine cli = new CommandLine(new AuthbridgeCommand(terminal), new Factory(terminal));
        cli.setOut(new PrintWriter(terminal.out(), true));
        cli.setErr(new PrintWriter(terminal.err(), true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof CommandFailure failure) {
                failure.lines().forEach(terminal.err()::println);
                return failure.exitCode();
            }
            // Messages of our exceptions name what failed, never a secret.
            terminal.err().println("authbridge " + commandLine.getCommandName() + ": " + e.getMessage());
            return CommandFailure.FAILED;
        });
        return cli.execute(args);
    }

    /** Builds commands, giving those that take one the {@link Terminal}. */
    private record Factory(Terminal terminal) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> constructor = type.getDeclaredConstructor(Terminal.class);
                constructor.setAccessible(true);
                return constructor.newInstance(terminal);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
