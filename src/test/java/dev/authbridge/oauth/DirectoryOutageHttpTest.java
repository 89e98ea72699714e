package dev.authbridge.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.directory.EmbeddedDirectoryServer;
import dev.authbridge.testing.ClosedPort;
import dev.authbridge.testing.DemoDirectory;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.RunningApp;
import dev.authbridge.testing.TestConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory goes away while authbridge runs: answers are 503 in the API's envelope within
 * the configured timeouts, never a wrong-password answer, a 500 or a hang; when it comes back,
 * authbridge serves again without a restart.
 */
class DirectoryOutageHttpTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void passwordGrantWhenDirectoryStopsThen503AndWhenBackThenServes() {
        // Port 0: the in-memory server listens again on the port it was given then.
        EmbeddedDirectoryServer ldap = own(EmbeddedDirectoryServer.start(DemoDirectory.embedded(0)));
        RunningApp app = own(RunningApp.start(external(ldap.ldapUrl())
                .withDirectory(directory -> directory.withUserCacheTtl(Duration.ZERO))));
        String token = app.http.signIn("demo\\agent1", "agent1-Secret!").get("access_token").asText();

        ldap.server().shutDown(true);
        long started = System.nanoTime();
        Response down = app.http.token("grant_type", "password", "username", "demo\\agent1", "password", "agent1-Secret!");
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertUnavailable(down);
        assertTrue(tookMs < 3_500, "answered after " + tookMs + " ms");
        assertUnavailable(app.http.getWithBearer("/auth/v3/userinfo", token));

        startListening(ldap);
        assertEquals(200, app.http.token("grant_type", "password", "username", "demo\\agent1",
                "password", "agent1-Secret!").status());
        assertEquals(200, app.http.getWithBearer("/auth/v3/userinfo", token).status());
    }

    @Test
    void userinfoWhenDirectoryStopsAndUserCachedThenStillServedWhileSignInsAre503() {
        EmbeddedDirectoryServer ldap = own(EmbeddedDirectoryServer.start(DemoDirectory.embedded(0)));
        RunningApp app = own(RunningApp.start(external(ldap.ldapUrl())));
        String token = app.http.signIn("demo\\agent1", "agent1-Secret!").get("access_token").asText();

        ldap.server().shutDown(true);

        assertEquals(200, app.http.getWithBearer("/auth/v3/userinfo", token).status());
        assertUnavailable(app.http.token("grant_type", "password", "username", "demo\\agent1", "password", "agent1-Secret!"));
    }

    @Test
    void passwordGrantWhenDirectoryHangsThen503WithinResponseTimeout() throws IOException {
        ServerSocket blackHole = own(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        List<Socket> accepted = new ArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(blackHole.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        RunningApp app = own(RunningApp.start(TestConfig.shipped(dir).externalDirectory(
                "ldap://127.0.0.1:" + blackHole.getLocalPort(), Duration.ofSeconds(1), Duration.ofSeconds(1))));
        long started = System.nanoTime();
        Response r = app.http.token("grant_type", "password", "username", "demo\\agent1", "password", "agent1-Secret!");
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertUnavailable(r);
        assertTrue(tookMs < 5_000, "answered after " + tookMs + " ms");
    }

    @Test
    void passwordGrantWhenFirstUrlDeadThenFailsOverToSecond() {
        EmbeddedDirectoryServer ldap = own(EmbeddedDirectoryServer.start(DemoDirectory.embedded(0)));
        ClosedPort dead = own(ClosedPort.reserve());
        RunningApp app = own(RunningApp.start(TestConfig.shipped(dir).externalDirectory(
                List.of(dead.ldapUrl(), ldap.ldapUrl()), Duration.ofSeconds(1), Duration.ofSeconds(2))));
        assertEquals(200, app.http.token("grant_type", "password", "username", "demo\\agent1",
                "password", "agent1-Secret!").status());
    }

    /** The shipped configuration on the directory at {@code url}: 1 s to connect, 2 s to answer. */
    private TestConfig external(String url) {
        return TestConfig.shipped(dir).externalDirectory(url, Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    private static void assertUnavailable(Response r) {
        assertEquals(503, r.status(), r.body());
        assertEquals(503, r.json().get("status").get("code").asInt());
        assertEquals("Service unavailable", r.json().get("status").get("message").asText());
    }

    private static void startListening(EmbeddedDirectoryServer ldap) {
        try {
            ldap.server().startListening();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private <T extends AutoCloseable> T own(T c) {
        toClose.add(c);
        return c;
    }
}
