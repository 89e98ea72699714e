package dev.authbridge.cli;

import dev.authbridge.audit.AuditEvent;
import dev.authbridge.audit.AuditEventType;
import dev.authbridge.directory.LoginName;
import dev.authbridge.lockout.Lockout;
import dev.authbridge.lockout.LockoutKeys;
import dev.authbridge.lockout.LockoutKind;
import dev.authbridge.lockout.LockoutStore;
import dev.authbridge.lockout.SqlLockoutStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code authbridge bans list|clear}: lockouts of brute-force protection (Authelia's {@code storage bans}). */
@Command(name = "bans", description = "List and clear sign-in lockouts.")
final class BansCommand {
    private final Terminal terminal;

    BansCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Command(name = "list", description = "Lockouts in force, the latest-ending first.")
    int list(@Mixin ConfigOption config,
            @Option(names = "--all", description = "also ended lockouts whose strikes still count") boolean all) {
        try (StoreSession session = StoreSession.open(config.load(terminal), terminal.clock())) {
            Instant now = terminal.clock().instant();
            Instant since = all ? now.minus(session.config.lockout().forgetAfter()) : now;
            List<Lockout> lockouts = new SqlLockoutStore(session.database).list(since);
            String format = "%-9s  %-40s  %-30s  %-7s  %-24s  %s%n";
            terminal.out().printf(format, "KIND", "KEY", "NAME", "STRIKES", "LOCKED UNTIL", "REMAINING");
            for (Lockout l : lockouts) {
                terminal.out().printf(format, l.kind().label(), l.key(), l.label() == null ? "-" : l.label(),
                        l.strikes(), l.lockedUntil(),
                        l.isActive(now) ? Duration.ofSeconds(l.retryAfterSeconds(now)).toString().substring(2).toLowerCase() : "ended");
            }
            terminal.out().println(lockouts.size() + " lockouts");
            return 0;
        }
    }

    /** Exactly one of the four. */
    static final class ClearTarget {
        @Option(names = "--user", paramLabel = "TENANT\\NAME",
                description = "the lockout and failures of the account with this name, and of the name itself")
        String user;

        @Option(names = "--client", paramLabel = "CLIENT_ID", description = "this client's lockout and failures")
        String client;

        @Option(names = "--ip", paramLabel = "ADDRESS",
                description = "this address's lockouts and failures (guessing passwords and client secrets)")
        String ip;

        @Option(names = "--all", description = "every lockout and failure")
        boolean all;
    }

    @Command(name = "clear", description = "Lift lockouts and forget the failures behind them.")
    int clear(@Mixin ConfigOption config, @ArgGroup(exclusive = true, multiplicity = "1") ClearTarget target) {
        try (StoreSession session = StoreSession.open(config.load(terminal), terminal.clock())) {
            LockoutStore store = new SqlLockoutStore(session.database);
            AuditEvent.Builder event = AuditEvent.of(AuditEventType.LOCKOUT_CLEARED, AuditEvent.Outcome.SUCCESS)
                    .reason("administrator").detail("by", "command_line");
            int cleared;
            if (target.user != null) {
                // The account's lockout is keyed by its directory id and labelled with its
                // name; a name that designates no one is keyed by the name itself.
                LoginName login = session.tenants.parse(target.user);
                String name = login.toString();
                cleared = store.clearLabelled(LockoutKind.ACCOUNT, name)
                        + store.clear(LockoutKind.USER, LockoutKeys.user(login));
                event.user(name).tenant(login.tenantId()).detail("kind", LockoutKind.ACCOUNT.label()).detail("key", name);
            } else if (target.client != null) {
                String key = LockoutKeys.client(target.client);
                cleared = store.clear(LockoutKind.CLIENT, key);
                event.client(target.client).detail("kind", LockoutKind.CLIENT.label()).detail("key", key);
            } else if (target.ip != null) {
                String key = LockoutKeys.address(target.ip);
                cleared = store.clear(LockoutKind.IP, key) + store.clear(LockoutKind.CLIENT_IP, key);
                event.detail("kind", LockoutKind.IP.label()).detail("key", key);
            } else {
                cleared = store.clearAll();
                event.detail("kind", "all");
            }
            session.audit.record(event.detail("count", cleared).build());
            terminal.out().println(cleared + " lockouts cleared");
            return 0;
        }
    }
}
