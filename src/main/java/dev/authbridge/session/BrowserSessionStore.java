package dev.authbridge.session;

import java.time.Instant;
import java.util.Optional;

/**
 * The browser session store port. Implementations keep only hashes of session ids and are safe
 * for concurrent use by several threads and processes; failures surface as
 * {@code StoreUnavailableException}. Every implementation passes
 * {@code BrowserSessionStoreContract}.
 */
public interface BrowserSessionStore {

    void save(BrowserSession session);

    Optional<BrowserSession> find(String hash);

    /** Moves the idle deadline of a session; false when it no longer exists. */
    boolean touch(String hash, Instant idleExpiresAt);

    /** Records that a session signed in to {@code clientId}; a client already recorded stays once. */
    void addClient(String hash, String clientId);

    /** Ends one session; returns how many rows went (0 or 1). */
    int delete(String hash);

    /** Ends every session of a user (global sign-out). */
    int deleteSubject(String subject);

    /** Deletes sessions that ended (idle or absolute) before {@code before}; returns how many. */
    int purgeExpired(Instant before);
}
