package dev.authbridge.cli;

import dev.authbridge.client.ClientAdministration;
import dev.authbridge.client.ClientAdministration.Actor;
import dev.authbridge.client.ClientDraft;
import dev.authbridge.client.ClientSecrets;
import dev.authbridge.client.InvalidClientException;
import dev.authbridge.client.RegisteredClient;
import dev.authbridge.client.SqlClientStore;
import dev.authbridge.config.Secret;
import dev.authbridge.error.DomainException;
import dev.authbridge.token.SqlTokenAdmin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code authbridge clients list|add|update|remove}: the registered clients, through the same
 * {@link ClientAdministration} as the ops API (the same checks, the same audit lines, by
 * {@code command_line}), on the configured store; a running server sees a change at its next
 * request. A secret is never read from the command line (every user of the host could see it
 * in the process list): from a file, or typed, or one line of standard input; when a
 * confidential client is added without one, one is made and printed once.
 */
@Command(name = "clients", description = "List, add, update and remove registered OAuth clients.")
final class ClientsCommand {
    private final Terminal terminal;

    ClientsCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** The vendor's fields as options; each absent one is left as it is (update) or defaulted (add). */
    static final class Fields {
        @Option(names = "--type", paramLabel = "CONFIDENTIAL|PUBLIC", description = "clientType (default for add: CONFIDENTIAL)")
        String type;

        @Option(names = "--grant", paramLabel = "GRANT_TYPE", description = "an authorized grant type (repeat for more)")
        List<String> grants;

        @Option(names = "--redirect-uri", paramLabel = "URI", description = "a redirect URI (repeat for more)")
        List<String> redirectUris;

        @Option(names = "--name", description = "display name")
        String name;

        @Option(names = "--description", description = "description")
        String description;

        @Option(names = "--authority", paramLabel = "NAME", description = "an authority of the client (repeat for more)")
        List<String> authorities;

        @Option(names = "--scope", paramLabel = "SCOPE", description = "a scope recorded for the client (repeat for more)")
        List<String> scope;

        @Option(names = "--contact-center", paramLabel = "UUID", description = "a contact center id (repeat for more)")
        List<String> contactCenters;

        @Option(names = "--access-token-ttl", paramLabel = "SECONDS", description = "accessTokenExpirationTimeout")
        Long accessTtl;

        @Option(names = "--refresh-token-ttl", paramLabel = "SECONDS", description = "refreshTokenExpirationTimeout")
        Long refreshTtl;

        @Option(names = "--secret-file", paramLabel = "FILE", description = "read the client secret from FILE")
        Path secretFile;

        @Option(names = "--read-secret", description = "read the client secret at a prompt (or one line of standard input)")
        boolean readSecret;

        ClientDraft draft(String id, Terminal terminal) {
            Secret secret = secretFile != null || readSecret
                    ? PasswordInput.read(terminal, "client secret: ", secretFile)
                    : null;
            return new ClientDraft(id, secret, name, description, type, grants, authorities, scope, redirectUris,
                    accessTtl, refreshTtl, contactCenters);
        }
    }

    @Command(name = "list", description = "Every client: those of the configuration (read-only), then the store's.")
    int list(@Mixin ConfigOption config) {
        return withAdministration(config, clients -> {
            String format = "%-24s  %-12s  %-6s  %-48s  %s%n";
            terminal.out().printf(format, "ID", "TYPE", "SOURCE", "GRANTS", "REDIRECT URIS");
            List<RegisteredClient> all = clients.list();
            for (RegisteredClient c : all) {
                terminal.out().printf(format, c.id(), c.type(), c.readOnly() ? "config" : "store",
                        String.join(",", c.grantTypes()), String.join(" ", c.redirectUris()));
            }
            terminal.out().println(all.size() + " clients");
            return 0;
        });
    }

    @Command(name = "add", description = "Register a client in the store.")
    int add(@Mixin ConfigOption config, @Parameters(paramLabel = "ID", description = "its client_id") String id,
            @Mixin Fields fields) {
        ClientDraft draft = fields.draft(id, terminal);
        return withAdministration(config, clients -> {
            ClientAdministration.Created created = run("add", () -> clients.create(draft, Actor.commandLine()));
            terminal.out().println("client " + id + " added");
            if (created.generatedSecret() != null) {
                terminal.out().println("client secret (shown this once; only its hash is kept): " + created.generatedSecret());
            }
            return 0;
        });
    }

    @Command(name = "update", description = "Change a client of the store: the options given replace its values.")
    int update(@Mixin ConfigOption config, @Parameters(paramLabel = "ID", description = "its client_id") String id,
            @Mixin Fields fields) {
        ClientDraft draft = fields.draft(null, terminal);
        return withAdministration(config, clients -> {
            run("update", () -> clients.update(id, draft, Actor.commandLine()));
            terminal.out().println("client " + id + " updated");
            return 0;
        });
    }

    @Command(name = "remove", description = "Delete a client of the store and revoke its tokens.")
    int remove(@Mixin ConfigOption config, @Parameters(paramLabel = "ID", description = "its client_id") String id) {
        return withAdministration(config, clients -> {
            ClientAdministration.Deleted deleted = run("remove", () -> clients.delete(id, Actor.commandLine()));
            terminal.out().println("client " + id + " removed, " + deleted.revokedTokens() + " tokens revoked");
            return 0;
        });
    }

    private int withAdministration(ConfigOption config, Function<ClientAdministration, Integer> work) {
        try (StoreSession session = StoreSession.open(config.load(terminal), terminal.clock())) {
            return work.apply(new ClientAdministration(session.config.clients(), new SqlClientStore(session.database),
                    new SqlTokenAdmin(session.database), new ClientSecrets(), session.audit, terminal.clock(),
                    session.config.ops().maxClients(), !session.config.trustedIssuers().isEmpty()));
        }
    }

    /** A refusal is the command's failure: each problem on a line of its own. */
    private static <T> T run(String command, Supplier<T> change) {
        try {
            return change.get();
        } catch (InvalidClientException e) {
            List<String> lines = new ArrayList<>();
            lines.add("authbridge clients " + command + ": the client is not valid:");
            e.messages().forEach(p -> lines.add("  " + p));
            throw new CommandFailure(CommandFailure.FAILED, lines);
        } catch (DomainException e) {
            if (e.problem().status() >= 500) {
                throw e;
            }
            throw new CommandFailure(CommandFailure.FAILED, "authbridge clients " + command + ": " + e.problem().description());
        }
    }
}
