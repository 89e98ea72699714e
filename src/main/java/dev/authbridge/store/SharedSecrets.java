package dev.authbridge.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * Keys every process on the store must hold alike (table {@code secrets}), made once by whichever
 * asks first: today the key of the forms' CSRF tokens, so a form shown by one instance is
 * accepted by another and survives a restart. The value is stored as it is (it must be usable,
 * like a signing key's private half), which is why the store is owner-only (the SQLite file) or
 * the database role's alone; it never appears in a log or a message.
 */
public final class SharedSecrets {
    private final Database db;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SharedSecrets(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * The secret named {@code name}: {@code length} random bytes made by the first process to ask
     * (one statement that adds it unless a row exists, so of processes asking at once one makes
     * it), the same bytes for every process after.
     *
     * @throws StoreUnavailableException when the store cannot be read or written
     */
    public byte[] getOrCreate(String name, int length) {
        byte[] candidate = new byte[length];
        random.nextBytes(candidate);
        String encoded = db.write("sharedSecret", h -> {
            h.execute("INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
                    name, Base64.getEncoder().encodeToString(candidate), clock.instant());
            return h.createQuery("SELECT value FROM secrets WHERE name = ?").bind(0, name).mapTo(String.class).one();
        });
        return Base64.getDecoder().decode(encoded);
    }
}
