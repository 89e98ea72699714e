package dev.authbridge.cli;

import dev.authbridge.audit.AuditEvent;
import dev.authbridge.audit.AuditEventType;
import dev.authbridge.directory.LoginName;
import dev.authbridge.lockout.Lockout;
import dev.authbridge.lockout.LockoutKeys;
import dev.authbridge.lockout.LockoutKind;
import dev.authbridge.lockout.LockoutStore;
import dev.authbridge.lockout.SqliteLockoutStore;
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
            List<Lockout> lockouts = new SqliteLockoutStore(session.database).list(since);
            String format = "%-4s  %-40s  %-7s  %-24s  %s%n";
            terminal.out().printf(format, "KIND", "KEY", "STRIKES", "LOCKED UNTIL", "REMAINING");
            for (Lockout l : lockouts) {
                terminal.out().printf(format, l.kind().label(), l.key(), l.strikes(), l.lockedUntil(),
                        l.isActive(now) ? Duration.ofSeconds(l.retryAfterSeconds(now)).toString().substring(2).toLowerCase() : "ended");
            }
            terminal.out().println(lockouts.size() + " lockouts");
            return 0;
        }
    }

    /** Exactly one of the three. */
    static final class ClearTarget {
        @Option(names = "--user", paramLabel = "TENANT\\NAME", description = "this user name's lockout and failures")
        String user;

        @Option(names = "--ip", paramLabel = "ADDRESS", description = "this address's lockout and failures")
        String ip;

        @Option(names = "--all", description = "every lockout and failure")
        boolean all;
    }

    @Command(name = "clear", description = "Lift lockouts and forget the failures behind them.")
    int clear(@Mixin ConfigOption config, @ArgGroup(exclusive = true, multiplicity = "1") ClearTarget target) {
        try (StoreSession session = StoreSession.open(config.load(terminal), terminal.clock())) {
            LockoutStore store = new SqliteLockoutStore(session.database);
            AuditEvent.Builder event = AuditEvent.of(AuditEventType.LOCKOUT_CLEARED, AuditEvent.Outcome.SUCCESS)
                    .reason("administrator").detail("by", "command_line");
            int cleared;
            if (target.user != null) {
                String key = LockoutKeys.user(LoginName.parse(target.user, session.config.defaultTenant()),
                        session.config.tenants());
                cleared = store.clear(LockoutKind.USER, key);
                event.user(key).detail("kind", LockoutKind.USER.label()).detail("key", key);
            } else if (target.ip != null) {
                String key = LockoutKeys.address(target.ip);
                cleared = store.clear(LockoutKind.IP, key);
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
