package dev.authbridge.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.directory.EmbeddedDirectoryServer;
import dev.authbridge.testing.DemoDirectory;
import dev.authbridge.testing.HttpTestClient.Response;
import dev.authbridge.testing.RunningApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
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
        int port = freePort();
        EmbeddedDirectoryServer ldap = own(EmbeddedDirectoryServer.start(DemoDirectory.embedded(port)));
        RunningApp app = own(RunningApp.start(RunningApp.externalDirectoryConfig(dir, "1s", "2s", ldap.ldapUrl())
                .replace("  connectTimeout: 1s", "  userCacheTtl: 0s\n  connectTimeout: 1s")));
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
        RunningApp app = own(RunningApp.start(RunningApp.externalDirectoryConfig(dir, "1s", "2s", ldap.ldapUrl())));
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
        RunningApp app = own(RunningApp.start(RunningApp.externalDirectoryConfig(dir, "1s", "1s",
                "ldap://127.0.0.1:" + blackHole.getLocalPort())));
        long started = System.nanoTime();
        Response r = app.http.token("grant_type", "password", "username", "demo\\agent1", "password", "agent1-Secret!");
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertUnavailable(r);
        assertTrue(tookMs < 5_000, "answered after " + tookMs + " ms");
    }

    @Test
    void passwordGrantWhenFirstUrlDeadThenFailsOverToSecond() {
        EmbeddedDirectoryServer ldap = own(EmbeddedDirectoryServer.start(DemoDirectory.embedded(0)));
        RunningApp app = own(RunningApp.start(RunningApp.externalDirectoryConfig(dir, "1s", "2s",
                "ldap://127.0.0.1:" + freePort(), ldap.ldapUrl())));
        assertEquals(200, app.http.token("grant_type", "password", "username", "demo\\agent1",
                "password", "agent1-Secret!").status());
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

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
