package dev.authbridge.directory;

import dev.authbridge.config.Secret;
import java.util.Optional;

/**
 * The directory port: the one place that knows where users and their roles come from.
 *
 * <p>Every method has three outcomes: an answer, a refusal (never an exception), or
 * {@link DirectoryUnavailableException} when the directory cannot be reached in time.
 */
public interface Directory extends AutoCloseable {

    /**
     * Checks a user's password by binding as that user (search, then bind). An empty password
     * is refused before any bind: an LDAP bind with a DN and no password is an
     * "unauthenticated bind" that many servers accept.
     */
    AuthResult authenticate(LoginName login, Secret password);

    /** Reads a user again by DN (token checks, refresh); empty when the entry is gone. */
    Optional<DirectoryUser> findByDn(String dn);

    @Override
    void close();
}
