package dev.authbridge.cli;

import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.ConfigException;
import dev.authbridge.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by every command, and loading it with every problem listed. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "config.yaml",
            description = "configuration file (default: ${DEFAULT-VALUE})")
    Path file;

    /** The validated configuration; a bad one is a usage failure listing each problem. */
    AuthbridgeConfig load(Terminal terminal) {
        try {
            return new ConfigLoader(terminal.env()).load(file);
        } catch (ConfigException e) {
            List<String> lines = new ArrayList<>();
            lines.add("authbridge: invalid configuration in " + file + ":");
            e.problems().forEach(p -> lines.add("  " + p));
            throw new CommandFailure(CommandFailure.USAGE, lines);
        }
    }
}
