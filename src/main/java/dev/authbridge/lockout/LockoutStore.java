package dev.authbridge.lockout;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The lockout state port: failures in their window and lockouts with their strikes. Safe for
 * concurrent use by several threads and processes; survives restarts. Every implementation
 * passes {@code LockoutStoreContract}.
 */
public interface LockoutStore {

    /** The key's lockout record (active or not), if it has one. */
    Optional<Lockout> find(LockoutKind kind, String key);

    /**
     * The lockout records (active or not) of one key and of an address (of
     * {@link LockoutKind#addressKind()}), in one read: the check that runs before every password
     * check. {@code addressKey} may be null.
     */
    List<Lockout> findEither(LockoutKind kind, String key, String addressKey);

    /**
     * As {@link #findEither}, and whether the key has failures counted, in one read: what a
     * password check needs to know before it runs and after it succeeds.
     */
    Standing standing(LockoutKind kind, String key, String addressKey);

    /**
     * Records one failure at {@code at} and, atomically with it, locks the key out when the
     * failures in the policy's window reach its maximum (the failures counted are then
     * dropped: the next lockout needs a full count again).
     *
     * @param label what an operator knows the key by (kept with the failure and the lockout); may be null
     * @return the lockout that started with this failure, if one did
     */
    Optional<Lockout> recordFailure(LockoutKind kind, String key, String label, Instant at, LockoutPolicy policy);

    /** Failures of the key since {@code since}. */
    int failuresSince(LockoutKind kind, String key, Instant since);

    /** Forgets the key's failures (after a successful sign-in); its lockout record stays. */
    void clearFailures(LockoutKind kind, String key);

    /** Lockout records ending after {@code endingAfter}, the latest-ending first. */
    List<Lockout> list(Instant endingAfter);

    /** Removes the key's lockout record and failures; returns how many lockouts were removed. */
    int clear(LockoutKind kind, String key);

    /**
     * Removes the lockout records and failures of every key of {@code kind} with this label
     * (an account by its <code>tenant&#92;user</code>); returns how many lockouts were removed.
     */
    int clearLabelled(LockoutKind kind, String label);

    /** Removes every lockout record and failure; returns how many lockouts were removed. */
    int clearAll();

    /** Deletes failures older than {@code failuresBefore} and lockouts that ended before {@code lockoutsBefore}. */
    int purge(Instant failuresBefore, Instant lockoutsBefore);
}
