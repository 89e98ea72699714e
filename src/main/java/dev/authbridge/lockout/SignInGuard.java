package dev.authbridge.lockout;

import dev.authbridge.audit.AuditEvent;
import dev.authbridge.audit.AuditEvent.Outcome;
import dev.authbridge.audit.AuditEventType;
import dev.authbridge.audit.AuditLog;
import dev.authbridge.config.Secret;
import dev.authbridge.directory.Account;
import dev.authbridge.directory.AuthResult;
import dev.authbridge.directory.Directory;
import dev.authbridge.directory.DirectoryUnavailableException;
import dev.authbridge.directory.DirectoryUser;
import dev.authbridge.directory.LoginName;
import dev.authbridge.directory.PasswordChangeResult;
import dev.authbridge.directory.PasswordReason;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one door every password check goes through. In order: 1. find the account the name
 * designates (the directory's search: every spelling of one account is that one account);
 * 2. take the account's turn ({@link LoginThrottle#enter}: parallel guesses go one at a time);
 * 3. refuse at once if the account or the client address is locked out (no password reaches the
 * directory, so a locked account cannot be probed); 4. check the password (the bind);
 * 5. count wrong credentials (never a directory failure), forget the account's failures after a
 * right password; 6. write the audit events — the sign-in and any lockout it started.
 */
public final class SignInGuard {
    private final Directory directory;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    public SignInGuard(Directory directory, LoginThrottle throttle, AuditLog audit) {
        this.directory = directory;
        this.throttle = throttle;
        this.audit = audit;
    }

    /** What failures of one attempt are counted under: the account found, else the name. */
    private record Counted(LockoutKind kind, String key, String label) {
        static Counted of(Account account) {
            return account.isFound()
                    ? new Counted(LockoutKind.ACCOUNT, LockoutKeys.account(account), account.name())
                    : new Counted(LockoutKind.USER, LockoutKeys.user(account.login()), account.login().toString());
        }
    }

    /**
     * The directory's answer for these credentials.
     *
     * @throws LockedOutException when the account, the name or the address is locked out, or too
     *     many attempts for the account are in progress ({@link AttemptsBusyException})
     * @throws DirectoryUnavailableException when the directory cannot answer (nothing counted)
     */
    public AuthResult authenticate(LoginName login, Secret password, SignInAttempt attempt) {
        Supplier<AuditEvent.Builder> failure = () -> event(AuditEventType.SIGN_IN, login, attempt, Outcome.FAILURE);
        Account account = locate(login, failure);
        Counted counted = Counted.of(account);
        String addressKey = LockoutKeys.address(attempt.origin().sourceIp());
        try (LoginThrottle.Permit turn = throttle.enter(counted.kind(), counted.key(), false)) {
            Standing standing = refuseIfLockedOut(counted, addressKey, failure);
            AuthResult result;
            try {
                result = directory.authenticate(account, password);
            } catch (DirectoryUnavailableException e) {
                audit.record(failure.get().reason("directory_unavailable").build());
                throw e;
            }
            if (result instanceof AuthResult.Rejected rejected) {
                List<Lockout> started = throttle.failed(counted.kind(), counted.key(), counted.label(), addressKey);
                audit.record(failure.get().reason(rejected.reason().code()).build());
                started.forEach(lockout -> audit.record(lockoutEvent(lockout, login, attempt)));
                return result;
            }
            throttle.succeeded(counted.kind(), counted.key(), standing);
            auditSignedIn(result, login, attempt, failure);
            return result;
        } catch (AttemptsBusyException e) {
            audit.record(failure.get().reason("busy").build());
            throw e;
        }
    }

    /**
     * A password change, by name, through the same door: refused at once during a lockout; a
     * wrong old password counts as a failed sign-in (it is a guess like any other); the outcome
     * is written to the audit log as {@code password_change}.
     *
     * @param change asks the directory for the located account; it checks the old password as the user
     * @throws LockedOutException when the account, the name or the address is locked out
     * @throws DirectoryUnavailableException when the directory cannot answer (nothing counted)
     */
    public PasswordChangeResult changePassword(LoginName login, SignInAttempt attempt,
            Function<Account, PasswordChangeResult> change) {
        Supplier<AuditEvent.Builder> failure = () -> event(AuditEventType.PASSWORD_CHANGE, login, attempt, Outcome.FAILURE);
        Account account = locate(login, failure);
        return changePassword(Counted.of(account), login, attempt, () -> change.apply(account));
    }

    /**
     * As {@link #changePassword(LoginName, SignInAttempt, Function)} for a signed-in user, whose
     * account is known without a search: by the token's {@code subject} and {@code userDn}.
     */
    public PasswordChangeResult changePassword(String subject, String userDn, LoginName login, SignInAttempt attempt,
            Supplier<PasswordChangeResult> change) {
        Counted counted = new Counted(LockoutKind.ACCOUNT, LockoutKeys.account(subject, userDn), login.toString());
        return changePassword(counted, login, attempt, change);
    }

    private PasswordChangeResult changePassword(Counted counted, LoginName login, SignInAttempt attempt,
            Supplier<PasswordChangeResult> change) {
        Supplier<AuditEvent.Builder> failure = () -> event(AuditEventType.PASSWORD_CHANGE, login, attempt, Outcome.FAILURE);
        String addressKey = LockoutKeys.address(attempt.origin().sourceIp());
        try (LoginThrottle.Permit turn = throttle.enter(counted.kind(), counted.key(), false)) {
            Standing standing = refuseIfLockedOut(counted, addressKey, failure);
            PasswordChangeResult result;
            try {
                result = change.get();
            } catch (DirectoryUnavailableException e) {
                audit.record(failure.get().reason("directory_unavailable").build());
                throw e;
            }
            if (result instanceof PasswordChangeResult.Refused refused) {
                audit.record(failure.get().reason(refused.reason().name().toLowerCase(Locale.ROOT)).build());
                if (refused.reason() == PasswordReason.WRONG_OLD_PASSWORD) {
                    for (Lockout lockout : throttle.failed(counted.kind(), counted.key(), counted.label(), addressKey)) {
                        audit.record(lockoutEvent(lockout, login, attempt));
                    }
                }
                return result;
            }
            throttle.succeeded(counted.kind(), counted.key(), standing);
            audit.record(event(AuditEventType.PASSWORD_CHANGE, login, attempt, Outcome.SUCCESS).build());
            return result;
        } catch (AttemptsBusyException e) {
            audit.record(failure.get().reason("busy").build());
            throw e;
        }
    }

    private Account locate(LoginName login, Supplier<AuditEvent.Builder> failure) {
        try {
            return directory.locate(login);
        } catch (DirectoryUnavailableException e) {
            audit.record(failure.get().reason("directory_unavailable").build());
            throw e;
        }
    }

    /** The key's standing (one read), unless it or the address is locked out. */
    private Standing refuseIfLockedOut(Counted counted, String addressKey, Supplier<AuditEvent.Builder> failure) {
        Standing standing = throttle.standing(counted.kind(), counted.key(), addressKey);
        Optional<Lockout> locked = standing.lockoutAt(throttle.now());
        if (locked.isPresent()) {
            audit.record(failure.get().reason("locked_out").detail("lockedUntil", locked.get().lockedUntil()).build());
            throw new LockedOutException(locked.get().retryAfterSeconds(throttle.now()));
        }
        return standing;
    }

    private void auditSignedIn(AuthResult result, LoginName login, SignInAttempt attempt,
            Supplier<AuditEvent.Builder> failure) {
        Optional<DirectoryUser> signedIn = result.signedInUser();
        if (signedIn.isPresent()) {
            DirectoryUser user = signedIn.get();
            audit.record(AuditEvent.of(AuditEventType.SIGN_IN, Outcome.SUCCESS)
                    .user(userName(user))
                    .tenant(user.tenant() == null ? null : user.tenant().id().toString())
                    .client(attempt.clientId())
                    .origin(attempt.origin())
                    .detail("channel", attempt.channel())
                    .build());
            return;
        }
        // The password was right, but the account may not sign in now (expired, locked in
        // the directory, must change its password): a failure, never counted as a guess.
        String state = result instanceof AuthResult.AccountRestricted restricted
                ? restricted.reason().name().toLowerCase(Locale.ROOT)
                : snake(result.getClass().getSimpleName());
        audit.record(failure.get().reason(state).build());
    }

    private static AuditEvent.Builder event(AuditEventType type, LoginName login, SignInAttempt attempt,
            Outcome outcome) {
        return AuditEvent.of(type, outcome)
                .user(login.toString())
                .tenant(login.tenantId())
                .client(attempt.clientId())
                .origin(attempt.origin())
                .detail("channel", attempt.channel());
    }

    static AuditEvent lockoutEvent(Lockout lockout, LoginName login, SignInAttempt attempt) {
        AuditEvent.Builder b = AuditEvent.of(AuditEventType.LOCKOUT, Outcome.FAILURE)
                .client(attempt.clientId())
                .origin(attempt.origin())
                .reason("too_many_failures")
                .detail("kind", lockout.kind().label())
                .detail("key", lockout.key())
                .detail("strikes", lockout.strikes())
                .detail("lockedUntil", lockout.lockedUntil())
                .detail("seconds", Duration.between(lockout.lockedAt(), lockout.lockedUntil()).toSeconds());
        if ((lockout.kind() == LockoutKind.ACCOUNT || lockout.kind() == LockoutKind.USER) && login != null) {
            b.user(login.toString()).tenant(login.tenantId());
        }
        return b.build();
    }

    private static String userName(DirectoryUser user) {
        return (user.tenant() == null ? "" : user.tenant().domains().get(0)) + "\\" + user.loginName();
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
