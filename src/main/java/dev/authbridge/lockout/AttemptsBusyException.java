package dev.authbridge.lockout;

/**
 * An attempt refused because too many attempts for the same key are already waiting for their
 * turn ({@link AttemptPermits}), or it waited its longest: answered as a lockout of one second,
 * and never counted as a failure.
 */
public final class AttemptsBusyException extends LockedOutException {
    public AttemptsBusyException() {
        super(1);
    }
}
