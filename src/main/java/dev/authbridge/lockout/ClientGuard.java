package dev.authbridge.lockout;

import dev.authbridge.audit.AuditEvent;
import dev.authbridge.audit.AuditEvent.Outcome;
import dev.authbridge.audit.AuditEventType;
import dev.authbridge.audit.AuditLog;
import dev.authbridge.audit.Origin;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Brute-force protection of client secrets (RFC 6749 §2.3.1, RFC 9700 §2.5): the door every
 * client authentication with a secret goes through, as {@link SignInGuard} is for passwords.
 * Wrong secrets and unknown client ids are counted per client id and per address, with the
 * users' limits; during a lockout the client is refused whatever the secret.
 *
 * <p>The secret is compared before (it is a local, constant-time comparison); its outcome is
 * told only inside the client's turn, in arrival order: a wrong one alone (read, count), right
 * ones together (a read), so a right secret that arrives after the failure that started a
 * lockout is refused. A right secret does not forget the client's failures, unlike a user's
 * password: a busy client would otherwise wipe an attacker's count many times a second.
 */
public final class ClientGuard {
    private final LoginThrottle throttle;
    private final AuditLog audit;

    public ClientGuard(LoginThrottle throttle, AuditLog audit) {
        this.throttle = throttle;
        this.audit = audit;
    }

    /** Why a client's authentication failed, for the audit log. */
    public enum Failure {
        UNKNOWN_CLIENT, WRONG_SECRET
    }

    /**
     * Whether the client may proceed.
     *
     * @param failure null when the id is registered and the secret matched
     * @return true when accepted; false for a counted failure (already audited)
     * @throws LockedOutException when the client or the address is locked out, or too many
     *     attempts for the client are in progress
     */
    public boolean check(String clientId, Failure failure, Origin origin) {
        String key = LockoutKeys.client(clientId);
        String addressKey = LockoutKeys.address(origin.sourceIp());
        try (LoginThrottle.Permit turn = throttle.enter(LockoutKind.CLIENT, key, failure == null)) {
            refuseIfLocked(clientId, key, addressKey, origin);
            return failure == null || counted(clientId, key, addressKey, failure, origin);
        } catch (AttemptsBusyException e) {
            audit.record(event(clientId, origin).reason("busy").build());
            throw e;
        }
    }

    /**
     * As {@link #check}, for a secret whose check is slow (a bcrypt hash): {@code verify} runs
     * inside the client's turn, alone, after its lockout was read. A burst of guesses thus pays
     * the hash one at a time and at most until the lockout starts, and none during a lockout.
     *
     * @param verify whether the secret presented is right
     */
    public boolean checkSlowly(String clientId, BooleanSupplier verify, Origin origin) {
        String key = LockoutKeys.client(clientId);
        String addressKey = LockoutKeys.address(origin.sourceIp());
        try (LoginThrottle.Permit turn = throttle.enter(LockoutKind.CLIENT, key, false)) {
            refuseIfLocked(clientId, key, addressKey, origin);
            return verify.getAsBoolean() || counted(clientId, key, addressKey, Failure.WRONG_SECRET, origin);
        } catch (AttemptsBusyException e) {
            audit.record(event(clientId, origin).reason("busy").build());
            throw e;
        }
    }

    private void refuseIfLocked(String clientId, String key, String addressKey, Origin origin) {
        Optional<Lockout> locked = throttle.lockout(LockoutKind.CLIENT, key, addressKey);
        if (locked.isPresent()) {
            audit.record(event(clientId, origin).reason("locked_out")
                    .detail("lockedUntil", locked.get().lockedUntil()).build());
            throw new LockedOutException(locked.get().retryAfterSeconds(throttle.now()));
        }
    }

    /** Counts a failure (audited, with any lockout it starts); always false: the client is refused. */
    private boolean counted(String clientId, String key, String addressKey, Failure failure, Origin origin) {
        for (Lockout lockout : throttle.failed(LockoutKind.CLIENT, key, clientId, addressKey)) {
            audit.record(SignInGuard.lockoutEvent(lockout, null, new SignInAttempt(clientId, "client", origin)));
        }
        audit.record(event(clientId, origin).reason(failure.name().toLowerCase(java.util.Locale.ROOT)).build());
        return false;
    }

    private static AuditEvent.Builder event(String clientId, Origin origin) {
        return AuditEvent.of(AuditEventType.CLIENT_AUTHENTICATION, Outcome.FAILURE).client(clientId).origin(origin);
    }
}
