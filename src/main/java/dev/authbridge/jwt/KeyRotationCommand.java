package dev.authbridge.jwt;

import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.store.ChangeFeed;
import dev.authbridge.store.Database;
import dev.authbridge.store.StoreUnavailableException;
import java.io.PrintStream;
import java.time.Clock;

/**
 * {@code keys rotate}: against the configured store, the next key (published since the previous
 * rotation) starts signing, the active one retires and stays published until what it signed has
 * expired, and a new next key is published. Safe while authbridge runs on the same store: the
 * rotation is told through the store's change feed, which running servers hear within about a
 * second, and a server that missed it re-reads the keys within {@link KeyRing#RELOAD_INTERVAL}.
 */
public final class KeyRotationCommand {
    private KeyRotationCommand() {}

    /** Exit code 0 when rotated, 1 when the store cannot be used. */
    public static int rotate(AuthbridgeConfig config, Clock clock, PrintStream out, PrintStream err) {
        try (Database db = Database.open(config.store()); ChangeFeed changes = db.changeFeed(clock)) {
            KeyRing ring = KeyRing.open(new SqlSigningKeyStore(db), config.jwt(), clock);
            SigningKey retired = ring.activeKey();
            SigningKey active = ring.rotate();
            changes.publish(ChangeFeed.SIGNING_KEYS, ChangeFeed.EVERYTHING);
            out.println("signing key " + active.kid() + " (" + active.algorithm() + ") signs from now on");
            out.println("signing key " + retired.kid() + " retired; published until "
                    + clock.instant().plus(ring.retention()) + " so tokens it signed stay verifiable");
            out.println("every authbridge running on " + config.store().location() + " switches within a second "
                    + "(at most " + KeyRing.RELOAD_INTERVAL.toSeconds() + " s)");
            return 0;
        } catch (StoreUnavailableException e) {
            err.println("authbridge: cannot rotate signing keys: " + e.getMessage());
            return 1;
        }
    }
}
