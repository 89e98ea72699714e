package dev.authbridge;

import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.ConfigException;
import dev.authbridge.config.ConfigLoader;
import dev.authbridge.jwt.KeyRotationCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code java -jar authbridge.jar [--config FILE]}: loads and validates the configuration
 * (default {@code ./config.yaml}) and serves. {@code java -jar authbridge.jar keys rotate
 * [--config FILE]} rotates the signing keys in the configured store instead (see {@link
 * KeyRotationCommand}). Exit codes: 2 for a bad command line or configuration (nothing started),
 * 1 when start-up (or the rotation) fails.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean rotateKeys = args.length > 0 && args[0].equals("keys");
        if (rotateKeys && (args.length < 2 || !args[1].equals("rotate"))) {
            err.println("usage: java -jar authbridge.jar keys rotate [--config FILE]");
            return 2;
        }
        String[] options = rotateKeys ? Arrays.copyOfRange(args, 2, args.length) : args;
        Path configFile = Path.of("config.yaml");
        for (int i = 0; i < options.length; i++) {
            switch (options[i]) {
                case "--config", "-c" -> {
                    if (i + 1 >= options.length) {
                        err.println("--config needs a file name");
                        return 2;
                    }
                    configFile = Path.of(options[++i]);
                }
                case "--help", "-h" -> {
                    out.println("usage: java -jar authbridge.jar [--config FILE]   (default ./config.yaml)");
                    out.println("       java -jar authbridge.jar keys rotate [--config FILE]   (new signing key)");
                    return 0;
                }
                default -> {
                    err.println("unknown argument: " + options[i] + " (try --help)");
                    return 2;
                }
            }
        }
        AuthbridgeConfig config;
        try {
            config = new ConfigLoader(System.getenv()).load(configFile);
        } catch (ConfigException e) {
            err.println("authbridge: invalid configuration in " + configFile + ":");
            e.problems().forEach(p -> err.println("  " + p));
            return 2;
        }
        if (rotateKeys) {
            return KeyRotationCommand.rotate(config, Clock.systemUTC(), out, err);
        }
        try {
            App app = App.start(config, Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, "authbridge-shutdown"));
            return 0;
        } catch (RuntimeException e) {
            err.println("authbridge: could not start: " + e.getMessage());
            return 1;
        }
    }
}
