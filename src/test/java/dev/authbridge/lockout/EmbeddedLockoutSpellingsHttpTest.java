package dev.authbridge.lockout;

import dev.authbridge.testing.RunningApp;
import java.nio.file.Path;

/** {@link LockoutSpellingsHttpContract} on the embedded UnboundID in-memory directory (the shipped configuration). */
class EmbeddedLockoutSpellingsHttpTest extends LockoutSpellingsHttpContract {
    @Override
    protected String config(Path dir) {
        return RunningApp.shippedConfig(dir);
    }
}
