package dev.authbridge.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authbridge.config.AuditConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each {@link AuditEvent} as one JSON object on one line ({@code time} first, ISO-8601
 * UTC with milliseconds) to a file and/or standard output.
 *
 * <p>The file is created owner-only and appended to; a line is written whole or not at all (a
 * write that fails half-way, on a full disk, is cut back off). If the file is moved away or
 * deleted (log rotation), the next event creates a new one at the configured path, so
 * {@code logrotate}'s default rename-and-create works without a restart.
 *
 * <p>A write that fails is logged (without the event's content) and counted ({@code dropped}).
 * By default the event is then dropped and the request goes on (fail-open: the audit log never
 * makes a sign-in fail). With {@code audit.failClosed}, {@link #recordRequired} throws instead,
 * so the token it describes is not handed out.
 */
public final class JsonAuditLog implements AuditLog, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JsonAuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS =
            Set.of("time", "event", "outcome", "user", "tenant", "client", "sourceIp", "requestId", "reason");

    private final Path file;
    private final PrintStream stdout;
    private final Clock clock;
    private final boolean failClosed;
    private final Runnable dropped;
    private FileChannel channel;
    private Object fileKey;

    private JsonAuditLog(Path file, PrintStream stdout, Clock clock, boolean failClosed, Runnable dropped) {
        this.file = file;
        this.stdout = stdout;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.failClosed = failClosed;
        this.dropped = Objects.requireNonNull(dropped, "dropped");
    }

    /**
     * Opens the configured sinks; the file (and its directory) is created now, so a path that
     * cannot be written fails at start-up.
     *
     * @throws UncheckedIOException when the file cannot be created or opened
     */
    public static JsonAuditLog open(AuditConfig config, Clock clock) {
        return open(config, clock, () -> { });
    }

    /** @param dropped told of every line the file could not take */
    public static JsonAuditLog open(AuditConfig config, Clock clock, Runnable dropped) {
        return open(config, System.out, clock, dropped);
    }

    static JsonAuditLog open(AuditConfig config, PrintStream stdout, Clock clock) {
        return open(config, stdout, clock, () -> { });
    }

    static JsonAuditLog open(AuditConfig config, PrintStream stdout, Clock clock, Runnable dropped) {
        JsonAuditLog auditLog = new JsonAuditLog(config.file(), config.stdout() ? stdout : null, clock,
                config.failClosed(), dropped);
        if (config.file() != null) {
            try {
                auditLog.reopen();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the audit log " + config.file() + ": " + e.getMessage(), e);
            }
        }
        return auditLog;
    }

    @Override
    public void record(AuditEvent event) {
        String line = line(event);
        if (stdout != null) {
            stdout.println(line);
        }
        if (file != null) {
            append(line);
        }
    }

    /** The file first: with {@code failClosed}, nothing else sees an event the file refused. */
    @Override
    public void recordRequired(AuditEvent event) {
        String line = line(event);
        if (file != null && !append(line) && failClosed) {
            throw new AuditUnavailableException("the audit log " + file + " cannot be written (audit.failClosed)");
        }
        if (stdout != null) {
            stdout.println(line);
        }
    }

    /** The JSON text of one event, without the line end. */
    String line(AuditEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("time", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        node.put("event", event.type().wireName());
        node.put("outcome", event.outcome().name().toLowerCase(java.util.Locale.ROOT));
        putIfSet(node, "user", event.user());
        putIfSet(node, "tenant", event.tenant());
        putIfSet(node, "client", event.client());
        putIfSet(node, "sourceIp", event.sourceIp());
        putIfSet(node, "requestId", event.requestId());
        putIfSet(node, "reason", event.reason());
        event.details().forEach((name, value) -> {
            // A detail never overwrites a field a reader relies on.
            node.putPOJO(FIELDS.contains(name) ? "detail_" + name : name,
                    value instanceof java.time.Instant i ? i.truncatedTo(ChronoUnit.MILLIS).toString() : value);
        });
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit event not serialisable", e);
        }
    }

    /** Whether the line is in the file. */
    private synchronized boolean append(String line) {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        long end = -1;
        try {
            if (rotated()) {
                reopen();
            }
            end = channel.size();
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            return true;
        } catch (IOException e) {
            log.error("cannot write the audit log {}: {}", file, e.toString());
            cutBackTo(end);
            closeChannel();
            dropped.run();
            return false;
        }
    }

    /** Removes a line written in part (the next one would otherwise continue it). */
    private void cutBackTo(long end) {
        if (end < 0 || channel == null) {
            return;
        }
        try {
            if (channel.size() > end) {
                channel.truncate(end);
            }
        } catch (IOException e) {
            log.warn("cannot cut a partial line off the audit log {}: {}", file, e.toString());
        }
    }

    /** Whether the open file is no longer the one at {@link #file} (moved, deleted, replaced). */
    private boolean rotated() throws IOException {
        if (channel == null || !channel.isOpen()) {
            return true;
        }
        try {
            Object current = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return current == null ? false : !current.equals(fileKey);
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    private void reopen() throws IOException {
        closeChannel();
        Path parent = file.toAbsolutePath().getParent();
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        if (posix && !Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // created meanwhile by another writer: append to it
            }
        }
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.warn("closing the audit log {}: {}", file, e.toString());
            }
            channel = null;
        }
    }

    private static void putIfSet(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    @Override
    public synchronized void close() {
        closeChannel();
    }
}
