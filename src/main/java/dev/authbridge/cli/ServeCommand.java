package dev.authbridge.cli;

import dev.authbridge.App;
import dev.authbridge.config.AuthbridgeConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code authbridge serve}: starts the server; it runs until the process is stopped. */
@Command(name = "serve",
        description = "Serve the API (the default when no command is given).")
final class ServeCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Mixin
    ConfigOption config;

    ServeCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        return serve(config, terminal);
    }

    static int serve(ConfigOption option, Terminal terminal) {
        AuthbridgeConfig config = option.load(terminal);
        App app;
        try {
            app = App.start(config, terminal.clock());
        } catch (RuntimeException e) {
            throw new CommandFailure(CommandFailure.FAILED, "authbridge: could not start: " + e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "authbridge-shutdown"));
        return 0;
    }
}
