package dev.authbridge.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The shipped log configuration: one line per message whatever it carries, floods cut short. */
class ApplicationLogTest {
    private static final Pattern LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO |WARN |ERROR) .*");
    private static final Logger log = LoggerFactory.getLogger(ApplicationLogTest.class);
    private static ShippedLogConfig logs;

    @BeforeAll
    static void shippedConfiguration() throws Exception {
        logs = new ShippedLogConfig();
    }

    @AfterAll
    static void testConfiguration() throws Exception {
        logs.close();
    }

    @BeforeEach
    void clear() {
        logs.clear();
    }

    @Test
    void logWhenArgumentHasLineBreaksThenOneEscapedLine() {
        log.info("sign-in refused for {}", "demo\\agent1\r\n12:00:00.000 INFO  App - forged\u2028\u0085\u001b[31m");
        List<String> lines = lines();
        assertEquals(1, lines.size(), logs.output());
        assertTrue(lines.get(0).endsWith(
                "sign-in refused for demo\\agent1\\r\\n12:00:00.000 INFO  App - forged\\u2028\\u0085\\u001b[31m"),
                lines.get(0));
    }

    @Test
    void logWhenExceptionMessageHasLineBreaksThenEscapedInTrace() {
        Exception e = new IllegalStateException("bad value a\r\nERROR forged",
                new IllegalArgumentException("cause\nforged"));
        log.error("failed", e);
        String out = logs.output();
        assertTrue(out.contains("IllegalStateException: bad value a\\r\\nERROR forged"), out);
        assertTrue(out.contains("IllegalArgumentException: cause\\nforged"), out);
        assertFalse(Arrays.stream(out.split("\n")).anyMatch(l -> l.startsWith("ERROR forged") || l.startsWith("forged")),
                out);
    }

    @Test
    void logWhenOnePatternFloodsThenRateLimited() {
        for (int i = 0; i < 1000; i++) {
            log.info("refused {} {}: 400 unsupported charset", "POST", "/auth/v3/oauth/token?" + i);
        }
        log.info("a different line");
        List<String> lines = lines();
        assertEquals(21, lines.size(), logs.output());
        assertTrue(lines.get(20).endsWith("a different line"));
    }

    private static List<String> lines() {
        List<String> lines = Arrays.stream(logs.output().split("\n")).filter(l -> !l.isEmpty()).toList();
        lines.forEach(l -> assertTrue(LINE.matcher(l).matches(), "not a log line: " + l));
        return lines;
    }
}
