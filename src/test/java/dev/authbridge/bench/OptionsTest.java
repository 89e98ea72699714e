package dev.authbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** scripts/bench's command line. */
class OptionsTest {

    @Test
    void parseWhenNoArgumentsThenTheIssuesSetting() {
        Options o = Options.parse(new String[0]);
        assertEquals(16, o.connections());
        assertEquals(Duration.ofSeconds(15), o.duration());
        assertEquals(5, o.warmupMin());
        assertEquals(90, o.warmupMax());
        assertEquals(Options.SCENARIOS, o.scenarios());
        assertEquals(Options.RECOMMENDED_JVM, o.jvmArgs());
        assertEquals(15, o.users().size());
        assertNull(o.url());
        assertTrue(o.serverPids().isEmpty());
    }

    @Test
    void parseWhenScenariosSubsetThenRunInReportOrder() {
        Options o = Options.parse(new String[] {"--scenarios", "password,directory,http-ceiling", "--connections", "4"});
        assertEquals(List.of("http-ceiling", "directory", "password"), o.scenarios());
        assertEquals(4, o.connections());
    }

    @Test
    void parseWhenAttachedToSeveralServersThenEveryPid() {
        Options o = Options.parse(new String[] {"--url", "http://127.0.0.1:8080", "--server-pids", "12, 34,12",
                "--ldap-url", "ldap://127.0.0.1:389", "--ldap-pid", "56", "--allow-noise"});
        assertEquals(List.of(12L, 34L), o.serverPids());
        assertEquals(56L, o.ldapPid());
        assertTrue(o.allowNoise());
    }

    @Test
    void parseWhenScaleOutThenRefreshAndUserinfoToItsOwnReport() {
        Options o = Options.parse(new String[] {"--scale-out"});
        assertTrue(o.scaleOut());
        assertEquals(List.of("refresh", "userinfo"), o.scenarios());
        assertEquals("target/bench-scale-out.json", o.json());
        assertEquals(List.of("mixed"), Options.parse(new String[] {"--scale-out", "--scenarios", "mixed"}).scenarios());
    }

    @Test
    void parseWhenHelpThenNull() {
        assertNull(Options.parse(new String[] {"--duration", "3", "--help"}));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--scenarios nope                      | unknown scenario nope",
            "--connections 0                       | --connections takes a number from 1 to 100000",
            "--duration ten                        | --duration takes a number, not 'ten'",
            "--warmup-min 10 --warmup-max 5        | --warmup-max must be at least --warmup-min",
            "--start-slapd --url http://x:1        | --start-slapd starts both",
            "--server-pids 1                       | --server-pids goes with --url",
            "--scale-out --url http://x:1          | --scale-out starts its own instances",
            "--scale-out --scenarios directory     | --scale-out measures HTTP scenarios",
            "--user nopassword                     | --user takes NAME:SECRET",
            "--duration                            | --duration needs a value",
            "--frobnicate 1                        | unknown option --frobnicate"})
    void parseWhenBadThenClearError(String args, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Options.parse(args.strip().split("\\s+")));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
