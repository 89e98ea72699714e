package dev.authbridge.token;

import dev.authbridge.store.StoreUnavailableException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The token store port. Implementations keep only hashes, survive restarts, and are safe for
 * concurrent use by several threads and processes. Every implementation passes
 * {@code TokenStoreContract}.
 */
public interface TokenStore extends AutoCloseable {

    void save(StoredToken token);

    /** Saves several tokens (one sign-in's access and refresh token) in one transaction. */
    void saveAll(List<StoredToken> tokens);

    /**
     * The refresh step, in one transaction: when {@code markUsed}, marks the live refresh token
     * {@code refreshHash} as used (false if it was not live: already used, revoked or unknown);
     * otherwise only checks it is still live (a refresh without rotation, or a token exchange,
     * whose {@code refreshHash} is the subject access token's). Then saves {@code next}. Nothing is saved when the
     * refresh token was not live, so a sign-out that revoked its family first always wins; a
     * revocation of the family racing the exchange revokes what it saved.
     */
    boolean exchange(String refreshHash, boolean markUsed, List<StoredToken> next, Instant at);

    Optional<StoredToken> find(String hash);

    /**
     * Marks a live refresh token as used, atomically: of two concurrent callers only one gets
     * {@code true}. False when it was already used, revoked or is unknown.
     */
    boolean markUsed(String hash, Instant at);

    /** Revokes one token; returns how many rows changed (0 or 1). */
    int revoke(String hash, Instant at);

    /**
     * Revokes every token of a family (one sign-in and its refreshes), including those an
     * {@link #exchange} racing it saves.
     */
    int revokeFamily(String family, Instant at);

    /** Revokes every token of a user, across all clients (global sign-out), as {@link #revokeFamily} does a family's. */
    int revokeSubject(String subject, Instant at);

    /**
     * Revokes every token of a user except those of one family (the caller's own sign-in), e.g.
     * after a password change. Returns how many rows changed.
     */
    int revokeSubjectExcept(String subject, String keepFamily, Instant at);

    /** Deletes rows that expired before {@code before}; returns how many. */
    int purgeExpired(Instant before);

    /** Throws {@link StoreUnavailableException} if the store cannot be used. */
    void checkHealth();

    @Override
    void close();
}
