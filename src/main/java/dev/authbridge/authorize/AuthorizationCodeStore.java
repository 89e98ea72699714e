package dev.authbridge.authorize;

import java.time.Instant;
import java.util.Optional;

/**
 * The authorization code store port: hashes only, safe for concurrent use, failures as
 * {@code StoreUnavailableException}.
 */
public interface AuthorizationCodeStore {

    void save(AuthorizationCode code);

    Optional<AuthorizationCode> find(String hash);

    /** Marks an unused code used, atomically: of two concurrent callers only one gets true. */
    boolean markUsed(String hash, Instant at);

    /** Records that a redeemed code was presented again (first time only). */
    void markReplayed(String hash, Instant at);

    /** Records the family of the tokens issued for a redeemed code and how long to keep it. */
    void recordTokens(String hash, String tokenFamily, Instant retainUntil);

    /** Deletes codes whose retention ended before {@code before}; returns how many. */
    int purgeExpired(Instant before);
}
