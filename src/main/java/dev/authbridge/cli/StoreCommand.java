package dev.authbridge.cli;

import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.ConfigException;
import dev.authbridge.config.ConfigLoader;
import dev.authbridge.config.PostgresConfig;
import dev.authbridge.config.StoreConfig;
import dev.authbridge.store.Database;
import dev.authbridge.store.StoreCopy;
import dev.authbridge.store.StoreUnavailableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code authbridge store copy}: the configured SQLite store's live state into PostgreSQL (see {@link StoreCopy}). */
@Command(name = "store", description = "Move the store: authbridge store copy --to postgresql://host:5432/db")
final class StoreCommand {
    private final Terminal terminal;

    StoreCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Command(name = "copy", description = {
            "Copy the configured SQLite store's live tokens, codes, browser sessions, lockouts, signing keys and "
                    + "shared secrets into a PostgreSQL database, in one transaction; then point store.url at it.",
            "A target that already holds rows is refused unless --force (which adds what it lacks and never undoes "
                    + "a use or revocation either store made); a target holding every row already copies nothing."})
    int copy(@Mixin ConfigOption config,
            @Option(names = "--to", required = true, paramLabel = "URL",
                    description = "postgresql://host:5432/db or jdbc:postgresql://host1,host2/db?targetServerType=primary")
            String url,
            @Option(names = "--user", required = true, paramLabel = "ROLE", description = "the database role") String user,
            @Option(names = "--password-env", paramLabel = "VAR", defaultValue = "AUTHBRIDGE_STORE_PASSWORD",
                    description = "environment variable holding the role's password (default: ${DEFAULT-VALUE}); "
                            + "never on the command line") String passwordEnv,
            @Option(names = "--ssl-mode", paramLabel = "MODE",
                    description = "disable, require, verify-ca or verify-full (as store.sslMode)") String sslMode,
            @Option(names = "--ssl-root-cert", paramLabel = "FILE", description = "the CA file (as store.sslRootCert)")
            String sslRootCert,
            @Option(names = "--force", description = "merge into a target that already holds rows") boolean force) {
        AuthbridgeConfig cfg = config.load(terminal);
        if (cfg.store().isPostgres()) {
            throw new CommandFailure(CommandFailure.USAGE,
                    "authbridge: store copy reads a SQLite store; " + config.file + " already names " + cfg.store().location());
        }
        String password = terminal.env().get(passwordEnv);
        if (password == null) {
            throw new CommandFailure(CommandFailure.USAGE, "authbridge: environment variable " + passwordEnv
                    + " is not set (the target role's password)");
        }
        PostgresConfig target = target(url, user, password, sslMode, sslRootCert);
        try (Database from = Database.open(cfg.store());
                Database to = Database.open(StoreConfig.postgres(target, cfg.store().purgeInterval()))) {
            to.checkHealth();
            return report(StoreCopy.copy(from, to, terminal.clock().instant(), force), cfg.store().location(),
                    target.location());
        } catch (StoreUnavailableException e) {
            throw new CommandFailure(CommandFailure.FAILED, "authbridge: cannot copy the store: " + e.getMessage());
        }
    }

    private PostgresConfig target(String url, String user, String password, String sslMode, String sslRootCert) {
        try {
            return new ConfigLoader(terminal.env()).postgresStore(url, user, password, sslMode, sslRootCert, Path.of(""));
        } catch (ConfigException e) {
            List<String> lines = new ArrayList<>();
            lines.add("authbridge: the target store (--to, --user, --ssl-mode, --ssl-root-cert):");
            e.problems().forEach(p -> lines.add("  " + p));
            throw new CommandFailure(CommandFailure.USAGE, lines);
        }
    }

    private int report(StoreCopy.Result result, String from, String to) {
        String format = "%-24s %8s %8s %14s%n";
        terminal.out().printf(format, "TABLE", "LIVE", "COPIED", "ALREADY THERE");
        for (StoreCopy.Count c : result.counts()) {
            terminal.out().printf(format, c.table(), c.source(), c.added(), c.alreadyThere());
        }
        switch (result.outcome()) {
            case COPIED:
                terminal.out().println("copied " + result.added() + " rows from " + from + " to " + to
                        + " in one transaction");
                return 0;
            case NOTHING_NEW:
                terminal.out().println("nothing new to copy: " + to + " already holds every live row of " + from);
                return 0;
            default:
                terminal.err().println("authbridge: " + to + " is not empty (" + result.targetRows()
                        + " rows) and lacks rows of " + from + ": nothing copied; --force merges into it");
                return 1;
        }
    }
}
