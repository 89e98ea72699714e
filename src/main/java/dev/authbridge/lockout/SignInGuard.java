package dev.authbridge.lockout;

import dev.authbridge.audit.AuditEvent;
import dev.authbridge.audit.AuditEvent.Outcome;
import dev.authbridge.audit.AuditEventType;
import dev.authbridge.audit.AuditLog;
import dev.authbridge.config.Secret;
import dev.authbridge.config.TenantConfig;
import dev.authbridge.directory.AuthResult;
import dev.authbridge.directory.Directory;
import dev.authbridge.directory.DirectoryUnavailableException;
import dev.authbridge.directory.DirectoryUser;
import dev.authbridge.directory.LoginName;
import dev.authbridge.directory.PasswordChangeResult;
import dev.authbridge.directory.PasswordReason;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one door every password check goes through. In order: 1. refuse at once if the user name
 * or the client address is locked out (the directory is not asked, so a locked account cannot
 * be probed); 2. ask the directory; 3. count wrong credentials (never a directory failure),
 * forget the user's failures after a right password; 4. write the audit events — the sign-in
 * and any lockout it started.
 */
public final class SignInGuard {
    private final Directory directory;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final List<TenantConfig> tenants;

    public SignInGuard(Directory directory, LoginThrottle throttle, AuditLog audit, List<TenantConfig> tenants) {
        this.directory = directory;
        this.throttle = throttle;
        this.audit = audit;
        this.tenants = List.copyOf(tenants);
    }

    /**
     * The directory's answer for these credentials.
     *
     * @throws LockedOutException when the user name or the address is locked out
     * @throws DirectoryUnavailableException when the directory cannot answer (nothing counted)
     */
    public AuthResult authenticate(LoginName login, Secret password, SignInAttempt attempt) {
        String userKey = LockoutKeys.user(login, tenants);
        String addressKey = LockoutKeys.address(attempt.origin().sourceIp());
        Optional<Lockout> locked = throttle.lockout(userKey, addressKey);
        if (locked.isPresent()) {
            audit.record(event(login, attempt, Outcome.FAILURE).reason("locked_out")
                    .detail("lockedUntil", locked.get().lockedUntil()).build());
            throw new LockedOutException(locked.get().retryAfterSeconds(throttle.now()));
        }
        AuthResult result;
        try {
            result = directory.authenticate(login, password);
        } catch (DirectoryUnavailableException e) {
            audit.record(event(login, attempt, Outcome.FAILURE).reason("directory_unavailable").build());
            throw e;
        }
        if (result instanceof AuthResult.Rejected rejected) {
            List<Lockout> started = throttle.failed(userKey, addressKey);
            audit.record(event(login, attempt, Outcome.FAILURE).reason(reason(rejected)).build());
            for (Lockout lockout : started) {
                audit.record(lockoutEvent(lockout, login, attempt));
            }
            return result;
        }
        throttle.succeeded(userKey);
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
        } else {
            // The password was right, but the account may not sign in now (expired, locked in
            // the directory, must change its password): a failure, never counted as a guess.
            String state = result instanceof AuthResult.AccountRestricted restricted
                    ? restricted.reason().name().toLowerCase(Locale.ROOT)
                    : snake(result.getClass().getSimpleName());
            audit.record(event(login, attempt, Outcome.FAILURE).reason(state).build());
        }
        return result;
    }

    /**
     * A password change through the same door: refused at once during a lockout; a wrong old
     * password counts as a failed sign-in (it is a guess like any other); the outcome is written
     * to the audit log as {@code password_change}.
     *
     * @param login the user whose password changes (for a signed-in caller: the token's user)
     * @param change asks the directory; it checks the old password as the user
     * @throws LockedOutException when the user name or the address is locked out
     * @throws DirectoryUnavailableException when the directory cannot answer (nothing counted)
     */
    public PasswordChangeResult changePassword(LoginName login, SignInAttempt attempt,
            Supplier<PasswordChangeResult> change) {
        String userKey = LockoutKeys.user(login, tenants);
        String addressKey = LockoutKeys.address(attempt.origin().sourceIp());
        Optional<Lockout> locked = throttle.lockout(userKey, addressKey);
        if (locked.isPresent()) {
            audit.record(passwordEvent(login, attempt, Outcome.FAILURE).reason("locked_out")
                    .detail("lockedUntil", locked.get().lockedUntil()).build());
            throw new LockedOutException(locked.get().retryAfterSeconds(throttle.now()));
        }
        PasswordChangeResult result;
        try {
            result = change.get();
        } catch (DirectoryUnavailableException e) {
            audit.record(passwordEvent(login, attempt, Outcome.FAILURE).reason("directory_unavailable").build());
            throw e;
        }
        if (result instanceof PasswordChangeResult.Refused refused) {
            audit.record(passwordEvent(login, attempt, Outcome.FAILURE)
                    .reason(refused.reason().name().toLowerCase(Locale.ROOT)).build());
            if (refused.reason() == PasswordReason.WRONG_OLD_PASSWORD) {
                for (Lockout lockout : throttle.failed(userKey, addressKey)) {
                    audit.record(lockoutEvent(lockout, login, attempt));
                }
            }
            return result;
        }
        throttle.succeeded(userKey);
        audit.record(passwordEvent(login, attempt, Outcome.SUCCESS).build());
        return result;
    }

    private AuditEvent.Builder passwordEvent(LoginName login, SignInAttempt attempt, Outcome outcome) {
        return AuditEvent.of(AuditEventType.PASSWORD_CHANGE, outcome)
                .user(login.toString())
                .tenant(tenantId(login))
                .client(attempt.clientId())
                .origin(attempt.origin())
                .detail("channel", attempt.channel());
    }

    private AuditEvent.Builder event(LoginName login, SignInAttempt attempt, Outcome outcome) {
        return AuditEvent.of(AuditEventType.SIGN_IN, outcome)
                .user(login.toString())
                .tenant(tenantId(login))
                .client(attempt.clientId())
                .origin(attempt.origin())
                .detail("channel", attempt.channel());
    }

    private AuditEvent lockoutEvent(Lockout lockout, LoginName login, SignInAttempt attempt) {
        AuditEvent.Builder b = AuditEvent.of(AuditEventType.LOCKOUT, Outcome.FAILURE)
                .client(attempt.clientId())
                .origin(attempt.origin())
                .reason("too_many_failures")
                .detail("kind", lockout.kind().label())
                .detail("key", lockout.key())
                .detail("strikes", lockout.strikes())
                .detail("lockedUntil", lockout.lockedUntil())
                .detail("seconds", java.time.Duration.between(lockout.lockedAt(), lockout.lockedUntil()).toSeconds());
        if (lockout.kind() == LockoutKind.USER) {
            b.user(login.toString()).tenant(tenantId(login));
        }
        return b.build();
    }

    private String tenantId(LoginName login) {
        if (login.tenantDomain() == null) {
            return null;
        }
        return tenants.stream()
                .filter(t -> t.domains().stream().anyMatch(login.tenantDomain()::equalsIgnoreCase))
                .map(t -> t.id().toString())
                .findFirst()
                .orElse(null);
    }

    private static String userName(DirectoryUser user) {
        return (user.tenant() == null ? "" : user.tenant().domains().get(0)) + "\\" + user.loginName();
    }

    /**
     * The directory's internal refusal as an audit reason code. The texts come from
     * {@code LdapDirectory}; one not recognised here is still a {@code bad_credentials}.
     */
    static String reason(AuthResult.Rejected rejected) {
        String r = rejected.reason() == null ? "" : rejected.reason().toLowerCase(Locale.ROOT);
        if (r.contains("empty password")) {
            return "empty_password";
        }
        if (r.contains("malformed")) {
            return "malformed_user_name";
        }
        if (r.contains("unknown tenant")) {
            return "unknown_tenant";
        }
        if (r.contains("no single entry")) {
            return "unknown_user";
        }
        if (r.contains("bind refused")) {
            return "wrong_password";
        }
        if (r.contains("locked")) {
            return "locked_in_directory";
        }
        return "bad_credentials";
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
