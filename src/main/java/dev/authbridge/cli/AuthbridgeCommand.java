package dev.authbridge.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Mixin;

/** {@code authbridge [--config FILE]}: serves when no command is given. */
@Command(name = "authbridge", mixinStandardHelpOptions = true, versionProvider = AuthbridgeCommand.Version.class,
        scope = ScopeType.INHERIT,
        description = "The /auth/v3 OAuth 2 Authentication API in front of LDAP or Active Directory.",
        subcommands = {ServeCommand.class, CheckCommand.class, SeedCommand.class, TokensCommand.class,
                BansCommand.class, KeysCommand.class, StoreCommand.class, ClientsCommand.class},
        footer = {"", "Exit codes: 0 success, 1 a check or operation failed, 2 bad command line or configuration."})
final class AuthbridgeCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Mixin
    ConfigOption config;

    AuthbridgeCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        return ServeCommand.serve(config, terminal);
    }

    /** The jar's version (its manifest's Implementation-Version). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AuthbridgeCommand.class.getPackage().getImplementationVersion();
            return new String[] {"authbridge " + (version == null ? "(development build)" : version)};
        }
    }
}
