package dev.authbridge.cli;

import dev.authbridge.audit.AuditEvent;
import dev.authbridge.audit.AuditEventType;
import dev.authbridge.store.ChangeFeed;
import dev.authbridge.token.SqlTokenAdmin;
import dev.authbridge.token.SqlTokenStore;
import dev.authbridge.token.TokenAdmin;
import dev.authbridge.token.TokenPurger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code authbridge tokens list|revoke|purge}: the token store, for an administrator. */
@Command(name = "tokens", description = "List, revoke and purge tokens.")
final class TokensCommand {
    private final Terminal terminal;

    TokensCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Command(name = "list", description = "Live tokens, newest first.")
    int list(@Mixin ConfigOption config,
            @Option(names = "--user", paramLabel = "TENANT\\NAME", description = "only this user's") String user,
            @Option(names = "--client", paramLabel = "ID", description = "only this client's") String client,
            @Option(names = "--tenant", paramLabel = "DOMAIN|ID", description = "only this tenant's users'") String tenant,
            @Option(names = "--all", description = "also expired, used and revoked tokens") boolean all,
            @Option(names = "--limit", defaultValue = "100", description = "at most this many (default: ${DEFAULT-VALUE})") int limit) {
        try (StoreSession session = StoreSession.open(config.load(terminal), terminal.clock())) {
            Instant now = terminal.clock().instant();
            TokenAdmin.Query query = new TokenAdmin.Query(user == null ? null : session.userName(user), client,
                    tenant == null ? null : session.tenantId(tenant), all, limit);
            List<TokenAdmin.TokenRow> rows = new SqlTokenAdmin(session.database).list(query, now);
            String format = "%-12s  %-7s  %-24s  %-16s  %-24s  %-24s  %s%n";
            terminal.out().printf(format, "ID", "KIND", "USER", "CLIENT", "ISSUED", "EXPIRES", "STATE");
            for (TokenAdmin.TokenRow r : rows) {
                terminal.out().printf(format, r.id(), r.kind().name().toLowerCase(java.util.Locale.ROOT),
                        r.userName() == null ? "(client)" : r.userName(), r.clientId(), r.issuedAt(), r.expiresAt(),
                        r.state(now));
            }
            terminal.out().println(rows.size() + " tokens" + (rows.size() == limit ? " (limit reached: --limit)" : ""));
            return 0;
        }
    }

    /** Exactly one of the three. */
    static final class RevokeTarget {
        @Option(names = "--id", paramLabel = "ID", description = "the sign-in of this token (its id from 'tokens list')")
        String id;

        @Option(names = "--user", paramLabel = "TENANT\\NAME", description = "every token of this user, all clients")
        String user;

        @Option(names = "--client", paramLabel = "ID", description = "every token issued to this client")
        String client;
    }

    @Command(name = "revoke", description = "Revoke a sign-in, a user's tokens or a client's.")
    int revoke(@Mixin ConfigOption config, @ArgGroup(exclusive = true, multiplicity = "1") RevokeTarget target) {
        try (StoreSession session = StoreSession.open(config.load(terminal), terminal.clock())) {
            TokenAdmin admin = new SqlTokenAdmin(session.database);
            Instant now = terminal.clock().instant();
            int count;
            String scope;
            AuditEvent.Builder event = AuditEvent.of(AuditEventType.TOKENS_REVOKED, AuditEvent.Outcome.SUCCESS);
            if (target.id != null) {
                try {
                    count = admin.revokeSignIn(target.id, now);
                } catch (IllegalArgumentException e) {
                    throw new CommandFailure(CommandFailure.FAILED, "authbridge tokens revoke: " + e.getMessage());
                }
                scope = "sign-in";
                event.detail("tokenId", target.id);
            } else if (target.user != null) {
                String name = session.userName(target.user);
                count = admin.revokeUser(name, now);
                scope = "user";
                event.user(name);
            } else {
                count = admin.revokeClient(target.client, now);
                scope = "client";
                event.client(target.client);
            }
            session.audit.record(event.reason("administrator").detail("scope", scope).detail("count", count)
                    .detail("by", "command_line").build());
            if (count > 0) {
                // The running servers drop what they cached of the users (the admin view knows names, not ids).
                try (ChangeFeed changes = session.database.changeFeed(terminal.clock())) {
                    changes.publish(ChangeFeed.USERS, ChangeFeed.EVERYTHING);
                }
            }
            terminal.out().println(count + " tokens revoked");
            return 0;
        }
    }

    @Command(name = "purge",
            description = "Delete tokens that expired (a few minutes ago: a late replay is still recognised).")
    int purge(@Mixin ConfigOption config) {
        try (StoreSession session = StoreSession.open(config.load(terminal), terminal.clock())) {
            int purged = new TokenPurger(new SqlTokenStore(session.database), Duration.ofMinutes(1), terminal.clock())
                    .purgeNow();
            terminal.out().println(purged + " expired tokens deleted");
            return 0;
        }
    }
}
