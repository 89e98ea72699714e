package dev.authbridge.cli;

import dev.authbridge.jwt.KeyRotationCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code authbridge keys rotate}: the signing keys of the configured store (see {@link KeyRotationCommand}). */
@Command(name = "keys",
        description = "Manage the JWT signing keys: authbridge keys rotate [--config FILE]")
final class KeysCommand {
    private final Terminal terminal;

    KeysCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Command(name = "rotate",
            description = "Make the published next key the signing key and publish a new next key.")
    int rotate(@Mixin ConfigOption config) {
        return KeyRotationCommand.rotate(config.load(terminal), terminal.clock(), terminal.out(), terminal.err());
    }
}
