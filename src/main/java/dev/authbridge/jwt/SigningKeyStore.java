package dev.authbridge.jwt;

import java.time.Instant;
import java.util.List;

/**
 * The signing key store port. Implementations keep at most one {@code ACTIVE} and one
 * {@code NEXT} key whatever processes share them (a running server and the {@code keys rotate}
 * command), erase the private half of a key when it retires, and are safe for concurrent use.
 * Every implementation passes {@code SigningKeyStoreContract}.
 */
public interface SigningKeyStore {

    /** Every key, newest first. */
    List<SigningKey> all();

    /**
     * Adds a {@code NEXT} or {@code ACTIVE} key unless one with that status already exists
     * (another process got there first); true when it was added.
     */
    boolean addIfAbsent(SigningKey key);

    /**
     * In one transaction: the {@code ACTIVE} key retires at {@code at} (its private half erased),
     * the {@code NEXT} key becomes {@code ACTIVE}, {@code newNext} becomes {@code NEXT}. False,
     * and nothing changed, when there is no {@code ACTIVE} or no {@code NEXT} key. Rotations
     * racing each other run one after the other: each promotes the key the one before it made.
     */
    boolean rotate(SigningKey newNext, Instant at);

    /**
     * {@link #rotate} only while {@code activeKid} is the active key (compare and set): of
     * instances that all decide to rotate away the same key at once (several starting after a
     * change of {@code jwt.algorithm}), one does; the others find it done and return false.
     */
    boolean rotateIfActive(String activeKid, SigningKey newNext, Instant at);

    /** Drops the {@code NEXT} key {@code kid} (it never signed anything); true when it was. */
    boolean discardNext(String kid);

    /** Deletes keys retired before {@code cutoff}; returns how many. */
    int deleteRetiredBefore(Instant cutoff);
}
