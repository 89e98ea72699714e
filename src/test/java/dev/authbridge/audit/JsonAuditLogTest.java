package dev.authbridge.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authbridge.config.AuditConfig;
import dev.authbridge.testing.MutableClock;
import dev.authbridge.testing.SmallDisk;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log's lines: one JSON object each, owner-only file, rotation, nothing but the whitelisted fields. */
class JsonAuditLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-05-06T07:08:09.123456Z"));

    private static AuditEvent signIn(String user) {
        return AuditEvent.of(AuditEventType.SIGN_IN, AuditEvent.Outcome.FAILURE).user(user).client("demo-client")
                .origin(new Origin("192.0.2.1", "req-1")).reason("wrong_password").detail("channel", "password").build();
    }

    @Test
    void recordThenOneJsonLinePerEventWithEveryFieldAndOwnerOnlyFile() throws Exception {
        Path file = dir.resolve("logs/audit.log");
        try (JsonAuditLog log = JsonAuditLog.open(new AuditConfig(file, false), clock)) {
            log.record(signIn("demo\\agent1"));
            log.record(AuditEvent.of(AuditEventType.TOKEN_ISSUED, AuditEvent.Outcome.SUCCESS).client("service").build());
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        JsonNode first = JSON.readTree(lines.get(0));
        assertEquals("2030-05-06T07:08:09.123Z", first.get("time").asText());
        assertEquals("sign_in", first.get("event").asText());
        assertEquals("failure", first.get("outcome").asText());
        assertEquals("demo\\agent1", first.get("user").asText());
        assertEquals("demo-client", first.get("client").asText());
        assertEquals("192.0.2.1", first.get("sourceIp").asText());
        assertEquals("req-1", first.get("requestId").asText());
        assertEquals("wrong_password", first.get("reason").asText());
        assertEquals("password", first.get("channel").asText());
        assertFalse(JSON.readTree(lines.get(1)).has("user"), "absent fields are left out, not null");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void recordWhenFileRotatedAwayThenANewFileIsStarted() throws Exception {
        Path file = dir.resolve("audit.log");
        try (JsonAuditLog log = JsonAuditLog.open(new AuditConfig(file, false), clock)) {
            log.record(signIn("before"));
            Files.move(file, dir.resolve("audit.log.1"));
            log.record(signIn("after"));
        }
        assertTrue(Files.readString(dir.resolve("audit.log.1")).contains("before"));
        String current = Files.readString(file);
        assertTrue(current.contains("after") && !current.contains("before"), current);
    }

    @Test
    void recordWhenStdoutConfiguredThenSameLineThere() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonAuditLog log = JsonAuditLog.open(new AuditConfig(null, true), new PrintStream(out, true, StandardCharsets.UTF_8),
                clock)) {
            log.record(signIn("demo\\agent1"));
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("{\"time\":\"2030-05-06T07:08:09.123Z\",\"event\":\"sign_in\""), printed);
        assertEquals(1, printed.lines().count());
    }

    @Test
    void recordWhenTextHostileThenOneLineCutAndDetailsCannotOverwriteFields() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String hostile = "evil\n{\"event\":\"sign_in\",\"outcome\":\"success\"}\r\u0000" + "x".repeat(1000);
        try (JsonAuditLog log = JsonAuditLog.open(new AuditConfig(null, true), new PrintStream(out, true, StandardCharsets.UTF_8),
                clock)) {
            log.record(AuditEvent.of(AuditEventType.SIGN_IN, AuditEvent.Outcome.FAILURE).user(hostile)
                    .detail("outcome", "success").detail("user", "someone-else").build());
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, printed.lines().count(), printed);
        JsonNode line = JSON.readTree(printed);
        assertEquals("failure", line.get("outcome").asText());
        assertTrue(line.get("user").asText().startsWith("evil?{"), line.toString());
        assertEquals(AuditEvent.MAX_TEXT, line.get("user").asText().length());
        assertEquals("success", line.get("detail_outcome").asText());
        assertEquals("someone-else", line.get("detail_user").asText());
    }

    /**
     * A full disk still takes a few lines into the file's last, partly used block: lines are
     * written until one does not fit (a block holds no more than ~40 of these).
     */
    private static int recordUntilDropped(JsonAuditLog log, AtomicInteger dropped, boolean required) {
        for (int i = 1; i <= 100; i++) {
            AuditEvent event = signIn("demo\\agent" + i);
            if (required) {
                log.recordRequired(event);
            } else {
                log.record(event);
            }
            if (dropped.get() > 0) {
                return i;
            }
        }
        throw new AssertionError("100 lines written to a full disk");
    }

    @Test
    void recordWhenDiskFullThenLineDroppedCountedNeverHalfWrittenAndTheCallerGoesOn() throws Exception {
        AtomicInteger dropped = new AtomicInteger();
        try (SmallDisk disk = SmallDisk.mount(1);
                JsonAuditLog log = JsonAuditLog.open(new AuditConfig(disk.root().resolve("audit.log"), false),
                        System.out, clock, dropped::incrementAndGet)) {
            Path file = disk.root().resolve("audit.log");
            log.record(signIn("before"));
            disk.fill();
            int written = recordUntilDropped(log, dropped, false);
            assertEquals(1, dropped.get());
            log.recordRequired(signIn("required, fail-open"));
            assertEquals(2, dropped.get(), "fail-open: a required event is dropped and counted too, nothing thrown");

            disk.free();
            log.record(signIn("after"));
            List<String> lines = Files.readAllLines(file);
            assertEquals(written + 1, lines.size(), "before, the lines that fitted, after: " + lines);
            for (String line : lines) {
                JSON.readTree(line); // every line whole: a half-written one was cut off
            }
            assertEquals("after", JSON.readTree(lines.get(lines.size() - 1)).get("user").asText());
        }
    }

    @Test
    void recordRequiredWhenFailClosedAndDiskFullThenThrowsBeforeStdoutAndRecoversWhenFreed() throws Exception {
        AtomicInteger dropped = new AtomicInteger();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SmallDisk disk = SmallDisk.mount(1);
                JsonAuditLog log = JsonAuditLog.open(new AuditConfig(disk.root().resolve("audit.log"), true, true),
                        new PrintStream(out, true, StandardCharsets.UTF_8), clock, dropped::incrementAndGet)) {
            disk.fill();
            for (int i = 1; dropped.get() == 0; i++) {
                assertTrue(i <= 100, "100 lines written to a full disk");
                AuditEvent event = signIn("demo\\agent" + i);
                try {
                    log.recordRequired(event);
                } catch (AuditUnavailableException e) {
                    assertEquals(1, dropped.get());
                    assertFalse(out.toString(StandardCharsets.UTF_8).contains("demo\\\\agent" + i + "\""),
                            "stdout never shows an event the file refused");
                }
            }
            log.record(signIn("not required"));
            assertEquals(2, dropped.get(), "record() never throws, even fail-closed");

            disk.free();
            log.recordRequired(signIn("after"));
            assertEquals(2, dropped.get());
        }
    }

    @Test
    void fanOutWhenRequiredEventRefusedThenLaterSinksDoNotSeeItAndTheRefusalIsThrown() {
        java.util.List<AuditEvent> seen = new java.util.ArrayList<>();
        AuditLog refusing = new AuditLog() {
            @Override
            public void record(AuditEvent event) {
            }

            @Override
            public void recordRequired(AuditEvent event) {
                throw new AuditUnavailableException("full");
            }
        };
        AuditLog both = AuditLog.fanOut(List.of(refusing, seen::add));
        assertThrows(AuditUnavailableException.class, () -> both.recordRequired(signIn("u")));
        assertTrue(seen.isEmpty(), "metrics must not count a token that was withheld");
        both.record(signIn("u"));
        assertEquals(1, seen.size());
    }

    @Test
    void fanOutWhenOneSinkFailsThenTheOthersStillGetTheEvent() {
        java.util.List<AuditEvent> seen = new java.util.ArrayList<>();
        AuditLog failing = event -> {
            throw new IllegalStateException("disk full");
        };
        AuditLog.fanOut(List.of(failing, seen::add)).record(signIn("u"));
        assertEquals(1, seen.size());
    }
}
