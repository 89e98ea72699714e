package dev.authbridge.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPURL;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RunningApp#close()}'s leak check on the embedded directory runs, and can fail. */
class RunningAppTest {
    @TempDir
    Path dir;

    /** Short directory timeouts: the check waits one directory deadline before it fails. */
    private TestConfig config() {
        return TestConfig.shipped(dir).withDirectory(d -> d.withTimeouts(Duration.ofMillis(300), Duration.ofMillis(500)));
    }

    @Test
    void closeWhenSignInsReturnedTheirConnectionsThenPasses() {
        RunningApp app = RunningApp.start(config());
        assertEquals(200, app.http.token("grant_type", "password", "username", "demo\\agent1",
                "password", "agent1-Secret!").status());
        assertEquals(400, app.http.token("grant_type", "password", "username", "demo\\agent1",
                "password", "wrong").status());

        assertDoesNotThrow(() -> app.close());
    }

    @Test
    void closeWhenConnectionToEmbeddedDirectoryNotIdleInPoolsThenFailsNamingTheTestAndStillCloses() throws Exception {
        RunningApp app = RunningApp.start(config());
        app.http.signIn("demo\\agent1", "agent1-Secret!");
        LDAPURL directory = new LDAPURL(app.embeddedDirectoryUrl());
        int port = URI.create(app.baseUrl()).getPort();
        // Open to the directory, yet idle in no pool: what a connection never given back looks like.
        try (LDAPConnection stray = new LDAPConnection(directory.getHost(), directory.getPort())) {
            AssertionError leak = assertThrows(AssertionError.class, () -> app.close());

            assertTrue(leak.getMessage().startsWith("RunningAppTest leaked directory connections:"), leak.getMessage());
            assertTrue(leak.getMessage().contains("1 still out"), leak.getMessage());
        }
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            }
        }, "closed all the same");
    }
}
