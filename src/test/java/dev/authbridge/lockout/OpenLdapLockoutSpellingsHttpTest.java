package dev.authbridge.lockout;

import dev.authbridge.testing.DemoDirectory;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.Slapd;
import java.nio.file.Path;
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
    protected String config(Path dir) {
        return RunningApp.externalDirectoryConfig(dir, "1s", "2s", slapd.url());
    }
}
