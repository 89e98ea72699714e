package dev.authbridge.federation;

import dev.authbridge.store.Database;
import dev.authbridge.token.TokenService;
import java.time.Instant;

/**
 * The {@link AssertionReplayStore} in the {@link Database} (table {@code assertion_uses}), one SQL
 * for every engine. A use is the SHA-256 of the issuer and the {@code jti}, length-prefixed so
 * that no two pairs share a key: a fixed 64-character key whatever the lengths, and no issuer's
 * token identifiers kept in the store. The insert that ignores a conflict decides a race by its
 * row count: the primary key lets one row in, whichever instance writes it.
 */
public final class SqlAssertionReplayStore implements AssertionReplayStore {
    private final Database db;

    public SqlAssertionReplayStore(Database db) {
        this.db = db;
    }

    @Override
    public boolean firstUse(String issuer, String jti, Instant until) {
        if (jti.isEmpty() || jti.length() > AssertionReplayStore.MAX_JTI_LENGTH) {
            throw new IllegalArgumentException("a jti has 1 to " + AssertionReplayStore.MAX_JTI_LENGTH + " characters");
        }
        return db.update("recordAssertionUse",
                "INSERT INTO assertion_uses (hash, expires_at) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING",
                key(issuer, jti), until) == 1;
    }

    @Override
    public void forget(String issuer, String jti) {
        db.update("forgetAssertionUse", "DELETE FROM assertion_uses WHERE hash = ?", key(issuer, jti));
    }

    @Override
    public int purgeExpired(Instant before) {
        return db.update("purgeAssertionUses", "DELETE FROM assertion_uses WHERE expires_at < ?", before);
    }

    static String key(String issuer, String jti) {
        return TokenService.hash(issuer.length() + ":" + issuer + jti);
    }
}
