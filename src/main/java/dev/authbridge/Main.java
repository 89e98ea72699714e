package dev.authbridge;

import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.ConfigException;
import dev.authbridge.config.ConfigLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code java -jar authbridge.jar [--config FILE]}: loads and validates the configuration
 * (default {@code ./config.yaml}) and serves. Exit codes: 2 for a bad command line or
 * configuration (nothing started), 1 when start-up fails.
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
        Path configFile = Path.of("config.yaml");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config", "-c" -> {
                    if (i + 1 >= args.length) {
                        err.println("--config needs a file name");
                        return 2;
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--help", "-h" -> {
                    out.println("usage: java -jar authbridge.jar [--config FILE]   (default ./config.yaml)");
                    return 0;
                }
                default -> {
                    err.println("unknown argument: " + args[i] + " (try --help)");
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
