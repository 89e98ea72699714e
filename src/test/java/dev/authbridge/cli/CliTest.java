package dev.authbridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.testing.RunningApp;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line's shape: every command answers {@code --help}; mistakes are exit 2 with the usage. */
class CliTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "                | Usage: authbridge [-hV] [-c=FILE] [COMMAND]",
            "serve           | Usage: authbridge serve",
            "check           | --password-file=FILE",
            "seed            | --dry-run",
            "tokens          | Usage: authbridge tokens",
            "tokens list     | --tenant=DOMAIN|ID",
            "tokens revoke   | (--id=ID | --user=TENANT\\NAME |",
            "tokens purge    | Delete tokens that expired",
            "bans            | Usage: authbridge bans",
            "bans list       | --all",
            "bans clear      | --ip=ADDRESS",
            "keys            | authbridge keys rotate",
            "keys rotate     | --config=FILE"})
    void helpWhenAskedOfAnyCommandThenUsageAndExit0(String command, String expected) {
        String[] args = ((command == null ? "" : command + " ") + "--help").split(" ");
        CliRunner.Result r = CliRunner.run(null, args);
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains(expected), r::toString);
        assertTrue(r.out().contains("Exit codes: 0 success, 1 a check or operation failed, 2 bad command line"), r::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"frobnicate", "tokens", "tokens list --limit many", "bans clear", "seed", "check --strict=3",
            "seed --hash md5 x.ldif"})
    void runWhenCommandLineWrongThenExit2WithTheReason(String command) {
        CliRunner.Result r = CliRunner.run(null, command.split(" "));
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("Usage: authbridge") || r.err().contains("cannot read"), r::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V", "check --version"})
    void versionThenPrinted(String command) {
        CliRunner.Result r = CliRunner.run(null, command.split(" "));
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("authbridge "), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"scripts/check", "scripts/seed-ldif"})
    void scriptWhenHelpThenItsDocumentationWithoutBuildingAnything(String script) throws Exception {
        Process p = new ProcessBuilder(RunningApp.REPO.resolve(script).toString(), "--help")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith(script + ": "), out);
        assertTrue(out.contains("Exit status: 0"), out);
    }
}
