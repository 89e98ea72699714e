package dev.authbridge.lockout;

import dev.authbridge.audit.AuditEvent;
import dev.authbridge.audit.AuditEvent.Outcome;
import dev.authbridge.audit.AuditEventType;
import dev.authbridge.audit.AuditLog;
import dev.authbridge.audit.Origin;
import java.util.Locale;
import java.util.Optional;

/**
 * Brute-force protection of the ops API's operator password, as {@link SignInGuard} is for
 * users' and {@link ClientGuard} for client secrets': wrong credentials count per name presented
 * ({@link LockoutKeys#operator}, with the users' limits) and per address (with the passwords'
 * address limit); during a lockout the operator is refused whatever the password. The
 * credentials are compared before (locally, in constant time); their outcome is told inside the
 * name's turn, so parallel guesses cannot outrun the count. A right password forgets the name's
 * failures, as a user's does.
 */
public final class OperatorGuard {
    private final LoginThrottle throttle;
    private final AuditLog audit;

    public OperatorGuard(LoginThrottle throttle, AuditLog audit) {
        this.throttle = throttle;
        this.audit = audit;
    }

    /**
     * Whether the operator may proceed.
     *
     * @param right whether the name and the password presented are the configured ones
     * @return true when accepted; false for a counted failure (already audited)
     * @throws LockedOutException when the name or the address is locked out, or too many
     *     attempts for the name are in progress
     */
    public boolean check(String name, boolean right, Origin origin) {
        String key = LockoutKeys.operator(name);
        String addressKey = LockoutKeys.address(origin.sourceIp());
        try (LoginThrottle.Permit turn = throttle.enter(LockoutKind.USER, key, right)) {
            Optional<Lockout> locked = throttle.lockout(LockoutKind.USER, key, addressKey);
            if (locked.isPresent()) {
                audit.record(event(name, origin, "locked_out").detail("lockedUntil", locked.get().lockedUntil()).build());
                throw new LockedOutException(locked.get().retryAfterSeconds(throttle.now()));
            }
            if (right) {
                throttle.succeeded(LockoutKind.USER, key);
                return true;
            }
            for (Lockout lockout : throttle.failed(LockoutKind.USER, key, "ops:" + name, addressKey)) {
                audit.record(SignInGuard.lockoutEvent(lockout, null, new SignInAttempt(null, "ops", origin)));
            }
            audit.record(event(name, origin, "bad_credentials").build());
            return false;
        } catch (AttemptsBusyException e) {
            audit.record(event(name, origin, "busy").build());
            throw e;
        }
    }

    private static AuditEvent.Builder event(String name, Origin origin, String reason) {
        return AuditEvent.of(AuditEventType.OPS_AUTHENTICATION, Outcome.FAILURE).user(name).origin(origin)
                .reason(reason.toLowerCase(Locale.ROOT));
    }
}
