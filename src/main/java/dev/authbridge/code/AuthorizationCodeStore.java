package dev.authbridge.code;

import java.time.Instant;
import java.util.Optional;

/**
 * The authorization code store port: hashes only, safe for concurrent use by several threads and
 * processes, failures as {@code StoreUnavailableException}. Every implementation passes
 * {@code AuthorizationCodeStoreContract}.
 */
public interface AuthorizationCodeStore {

    void save(AuthorizationCode code);

    Optional<AuthorizationCode> find(String hash);

    /** Marks an unused code used, atomically: of two concurrent callers only one gets true. */
    boolean markUsed(String hash, Instant at);

    /**
     * Records that a redeemed code was presented again (the time of the first replay is kept) and
     * returns the family of the tokens issued for it, if {@link #recordTokens} has recorded it.
     * Atomic with {@code recordTokens}: of the two racing, the later sees what the earlier wrote.
     */
    Optional<String> markReplayed(String hash, Instant at);

    /**
     * Records the family of the tokens issued for a redeemed code and how long to keep it.
     * Returns false when the code was replayed before this (its tokens must go) or is unknown.
     */
    boolean recordTokens(String hash, String tokenFamily, Instant retainUntil);

    /** Deletes codes whose retention ended before {@code before}; returns how many. */
    int purgeExpired(Instant before);
}
