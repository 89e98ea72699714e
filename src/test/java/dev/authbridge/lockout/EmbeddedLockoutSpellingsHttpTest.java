package dev.authbridge.lockout;

import dev.authbridge.testing.TestConfig;
import java.nio.file.Path;

/** {@link LockoutSpellingsHttpContract} on the embedded UnboundID in-memory directory (the shipped configuration). */
class EmbeddedLockoutSpellingsHttpTest extends LockoutSpellingsHttpContract {
    @Override
    protected TestConfig config(Path dir) {
        return TestConfig.shipped(dir);
    }
}
