package dev.authbridge.lockout;

import dev.authbridge.testing.DemoDirectory;
import dev.authbridge.testing.Slapd;
import dev.authbridge.testing.TestConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link LockoutSpellingsHttpContract} on OpenLDAP (a private slapd with the demo directory),
 * whose matching rules fold case and compatibility forms themselves. One server for the class:
 * no test changes a password.
 */
class OpenLdapLockoutSpellingsHttpTest extends LockoutSpellingsHttpContract {
    private static Slapd slapd;

    @BeforeAll
    static void startSlapd() {
        slapd = DemoDirectory.start();
    }

    @AfterAll
    static void stopSlapd() {
        if (slapd != null) {
            slapd.stop();
        }
    }

    @Override
    protected TestConfig config(Path dir) {
        return TestConfig.shipped(dir).externalDirectory(slapd.url(), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }
}
