package dev.authbridge.federation;

import java.time.Instant;

/**
 * The replay store port: which tokens of trusted issuers have been used, by {@code (issuer, jti)},
 * until they expire. Safe for concurrent use by several threads and processes; failures as {@code
 * StoreUnavailableException}. Every implementation passes {@code AssertionReplayStoreContract}.
 */
public interface AssertionReplayStore {
    /** Longest identifier remembered; a longer one is refused, not cut (two would collide). */
    int MAX_JTI_LENGTH = 256;

    /**
     * Records the use of the token {@code jti} of {@code issuer}, remembered until {@code until}.
     * True for the first use only: of any number of concurrent callers, on any instance, exactly
     * one gets true. Decided by one atomic statement, never by a read and a write.
     *
     * @param jti at most {@value #MAX_JTI_LENGTH} characters
     */
    boolean firstUse(String issuer, String jti, Instant until);

    /**
     * Forgets one recorded use, so the token can be used again: for a use that was refused for a
     * reason that is not the token's (the directory could not be asked).
     */
    void forget(String issuer, String jti);

    /** Forgets the uses remembered until before {@code before}; returns how many. */
    int purgeExpired(Instant before);
}
