package dev.authbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.TestConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar authbridge.jar keys rotate [--config FILE]} on the command line. */
class KeysCommandTest {
    private static final Pattern SIGNS = Pattern.compile("signing key (\\S+) \\(RS256\\) signs from now on");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path config() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, TestConfig.shipped(dir).yaml());
        return file;
    }

    private String activeKid() {
        Matcher m = SIGNS.matcher(out.toString(StandardCharsets.UTF_8));
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    @Test
    void keysRotateWhenRunTwiceThenEachTimeANewActiveKeyAndStoreFileOwnerOnly() throws IOException {
        Path config = config();
        assertEquals(0, run("keys", "rotate", "--config", config.toString()), err.toString(StandardCharsets.UTF_8));
        String first = activeKid();
        assertEquals(0, run("keys", "rotate", "--config", config.toString()));
        String second = activeKid();
        assertTrue(first != null && second != null, out.toString(StandardCharsets.UTF_8));
        assertNotEquals(first, second);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("retired; published until"));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("tokens.db"))), "private keys live in an owner-only file");
    }

    @Test
    void keysWhenSubcommandMissingOrUnknownThenExit2() {
        assertEquals(2, run("keys"));
        assertEquals(2, run("keys", "list"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("keys rotate"));
    }

    @Test
    void keysRotateWhenConfigInvalidThenExit2() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "jwt:\n  algorithm: HS256\n");
        assertEquals(2, run("keys", "rotate", "--config", bad.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("jwt.algorithm: 'HS256' is not one of RS256, ES256"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void keysRotateWhenUnknownOptionThenExit2() {
        assertEquals(2, run("keys", "rotate", "--force"));
    }
}
