package dev.authbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: exit 2 with one line per configuration problem, and nothing started. */
class MainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void runWhenConfigInvalidThenExit2AndEveryProblemListed() throws IOException {
        Path config = dir.resolve("bad.yaml");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(config, "server:\n  port: " + port + "\n  hots: x\nenvironmentId: nope\n");
        assertEquals(2, run("--config", config.toString()));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertTrue(stderr.contains("server.hots: unknown setting"), stderr);
        assertTrue(stderr.contains("environmentId: 'nope' is not a UUID"), stderr);
        assertTrue(stderr.contains("directory: is required"), stderr);
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertTrue(s.isBound(), "nothing may listen after a configuration failure");
        }
    }

    @Test
    void runWhenConfigFileMissingThenExit2() {
        assertEquals(2, run("--config", dir.resolve("nope.yaml").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot read"));
    }

    @Test
    void runWhenUnknownArgumentThenExit2() {
        assertEquals(2, run("--frobnicate"));
    }

    @Test
    void runWhenHelpThenUsage() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--config"));
    }
}
