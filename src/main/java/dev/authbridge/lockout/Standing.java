package dev.authbridge.lockout;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a password check needs to know of its key before it runs, from one read
 * ({@link LockoutStore#standing}): whether it may run, and whether a right password has failures
 * to forget afterwards — so that a sign-in reads the lockout state once, not once before the
 * check and again after it.
 *
 * @param lockouts the lockout records (active or not) of the key and of the address
 * @param failuresCounted whether the key had failures in the store when it was read
 */
public record Standing(List<Lockout> lockouts, boolean failuresCounted) {
    /** Nothing recorded: lockout disabled, or a key never seen. */
    static final Standing CLEAR = new Standing(List.of(), false);

    public Standing {
        lockouts = List.copyOf(lockouts);
    }

    /** The lockout in force at {@code now} (the one ending last), if any. */
    public Optional<Lockout> lockoutAt(Instant now) {
        return lockouts.stream().filter(l -> l.isActive(now)).max(Comparator.comparing(Lockout::lockedUntil));
    }
}
