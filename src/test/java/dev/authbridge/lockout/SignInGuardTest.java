package dev.authbridge.lockout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.audit.AuditEvent;
import dev.authbridge.audit.AuditEventType;
import dev.authbridge.audit.Origin;
import dev.authbridge.config.LockoutConfig;
import dev.authbridge.config.Secret;
import dev.authbridge.config.StoreConfig;
import dev.authbridge.config.TenantConfig;
import dev.authbridge.directory.Account;
import dev.authbridge.directory.AuthResult;
import dev.authbridge.directory.Directory;
import dev.authbridge.directory.DirectoryUnavailableException;
import dev.authbridge.directory.DirectoryUser;
import dev.authbridge.directory.LoginName;
import dev.authbridge.directory.PasswordChangeResult;
import dev.authbridge.directory.PasswordReason;
import dev.authbridge.directory.PasswordWarning;
import dev.authbridge.directory.RejectReason;
import dev.authbridge.directory.Tenants;
import dev.authbridge.store.Database;
import dev.authbridge.testing.MutableClock;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The door every password check goes through, for each kind of directory answer (including the
 * account states and warnings the demo directory never gives): what is counted, what is refused
 * without asking the directory, and what the audit log gets. 3 failures lock for a minute.
 */
class SignInGuardTest {
    private static final TenantConfig DEMO = new TenantConfig(UUID.fromString("f91397f1-6bf6-4fcd-8623-4c4efd81e152"),
            "Demo", List.of("demo"), "ou=people,dc=example,dc=com", "ou=groups,dc=example,dc=com", List.of());
    private static final DirectoryUser AGENT = new DirectoryUser("uid=agent1,ou=people,dc=example,dc=com", "uuid-1",
            "agent1", 1001L, null, null, null, DEMO, List.of(), Map.of());
    private static final LoginName LOGIN = new Tenants(List.of(DEMO), null).parse("demo\\agent1");
    private static final SignInAttempt ATTEMPT = new SignInAttempt("demo-client", "password", new Origin("192.0.2.9", "r-1"));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final List<AuditEvent> events = new ArrayList<>();
    private final AtomicInteger directoryCalls = new AtomicInteger();
    private Database db;
    private LoginThrottle throttle;

    @BeforeEach
    void open() {
        db = Database.open(new StoreConfig(dir.resolve("store.db"), Duration.ofSeconds(5), Duration.ofMinutes(10)));
        throttle = new LoginThrottle(new SqlLockoutStore(db), new LockoutConfig(true, 3, 100, Duration.ofMinutes(10),
                Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1)), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** The directory port answering every password check with {@code answer}. */
    private SignInGuard guard(Supplier<AuthResult> answer) {
        Directory directory = (Directory) Proxy.newProxyInstance(Directory.class.getClassLoader(),
                new Class<?>[] {Directory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("locate")) {
                        return Account.none((LoginName) args[0], RejectReason.UNKNOWN_USER);
                    }
                    if (method.getName().equals("authenticate")) {
                        directoryCalls.incrementAndGet();
                        return answer.get();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new SignInGuard(directory, throttle, events::add);
    }

    private List<AuditEvent> events(AuditEventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    @Test
    void authenticateWhenRejectedThreeTimesThenLockedAndDirectoryNoLongerAsked() {
        SignInGuard guard = guard(() -> new AuthResult.Rejected(RejectReason.WRONG_PASSWORD));
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(AuthResult.Rejected.class, guard.authenticate(LOGIN, new Secret("x"), ATTEMPT));
        }
        LockedOutException e = assertThrows(LockedOutException.class,
                () -> guard.authenticate(LOGIN, new Secret("right"), ATTEMPT));
        assertEquals(60, e.retryAfterSeconds());
        assertEquals(3, directoryCalls.get(), "a locked account is not probed");
        AuditEvent lockout = events(AuditEventType.LOCKOUT).get(0);
        assertEquals("demo\\agent1", lockout.user());
        assertEquals("192.0.2.9", lockout.sourceIp());
        assertEquals("locked_out", events(AuditEventType.SIGN_IN).get(3).reason());
    }

    @Test
    void authenticateWhenAccountStateOrWarningThenNeverCounted() {
        SignInGuard restricted = guard(() -> new AuthResult.AccountRestricted(PasswordReason.PASSWORD_EXPIRED));
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(AuthResult.AccountRestricted.class, restricted.authenticate(LOGIN, new Secret("p"), ATTEMPT));
        }
        assertTrue(throttle.lockout(LockoutKind.USER, "demo\\agent1", null).isEmpty(), "the password was right every time");
        assertEquals("password_expired", events(AuditEventType.SIGN_IN).get(0).reason());
        SignInGuard warned = guard(() -> new AuthResult.AuthenticatedWithWarning(AGENT,
                new PasswordWarning.ExpiresSoon(Duration.ofDays(3))));
        warned.authenticate(LOGIN, new Secret("p"), ATTEMPT);
        AuditEvent success = events(AuditEventType.SIGN_IN).get(5);
        assertEquals(AuditEvent.Outcome.SUCCESS, success.outcome());
        assertEquals(DEMO.id().toString(), success.tenant());
    }

    @Test
    void authenticateWhenDirectoryDownThenRethrownAndNotCounted() {
        SignInGuard down = guard(() -> {
            throw new DirectoryUnavailableException("down", null);
        });
        for (int i = 0; i < 5; i++) {
            assertThrows(DirectoryUnavailableException.class, () -> down.authenticate(LOGIN, new Secret("p"), ATTEMPT));
        }
        assertTrue(throttle.lockout(LockoutKind.USER, "demo\\agent1", "192.0.2.9").isEmpty());
        assertEquals("directory_unavailable", events(AuditEventType.SIGN_IN).get(0).reason());
    }

    @Test
    void changePasswordWhenWrongOldPasswordThenCountedLockedAndAudited() {
        SignInGuard guard = guard(() -> new AuthResult.Rejected(RejectReason.WRONG_PASSWORD));
        AtomicInteger changes = new AtomicInteger();
        Supplier<PasswordChangeResult> wrong = () -> {
            changes.incrementAndGet();
            return new PasswordChangeResult.Refused(PasswordReason.WRONG_OLD_PASSWORD);
        };
        for (int i = 0; i < 3; i++) {
            guard.changePassword(LOGIN, ATTEMPT, account -> wrong.get());
        }
        assertThrows(LockedOutException.class, () -> guard.changePassword(LOGIN, ATTEMPT,
                account -> new PasswordChangeResult.Changed(AGENT.dn(), AGENT.id())));
        assertEquals(3, changes.get());
        List<AuditEvent> audited = events(AuditEventType.PASSWORD_CHANGE);
        assertEquals("wrong_old_password", audited.get(0).reason());
        assertEquals("locked_out", audited.get(3).reason());
        assertEquals(1, events(AuditEventType.LOCKOUT).size());
        assertThrows(LockedOutException.class, () -> guard.authenticate(LOGIN, new Secret("p"), ATTEMPT),
                "one count for both doors");
    }

    @Test
    void changePasswordWhenPolicyRefusesOrChangedThenNotCountedAndAudited() {
        SignInGuard guard = guard(() -> new AuthResult.Rejected(RejectReason.WRONG_PASSWORD));
        for (int i = 0; i < 4; i++) {
            guard.changePassword(LOGIN, ATTEMPT, account -> new PasswordChangeResult.Refused(PasswordReason.PASSWORD_TOO_SHORT));
        }
        assertTrue(throttle.lockout(LockoutKind.USER, "demo\\agent1", null).isEmpty(), "a policy refusal is not a guess");
        guard.changePassword(LOGIN, ATTEMPT, account -> new PasswordChangeResult.Changed(AGENT.dn(), AGENT.id()));
        AuditEvent changed = events(AuditEventType.PASSWORD_CHANGE).get(4);
        assertEquals(AuditEvent.Outcome.SUCCESS, changed.outcome());
        assertEquals("demo\\agent1", changed.user());
        assertEquals("r-1", changed.requestId());
        assertEquals("password_too_short", events(AuditEventType.PASSWORD_CHANGE).get(0).reason());
    }
}
