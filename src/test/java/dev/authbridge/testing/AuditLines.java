package dev.authbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The audit log file read back, one JSON object per line. */
public final class AuditLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditLines() {}

    public static List<JsonNode> read(Path file) {
        try {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                lines.add(JSON.readTree(line));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of one event, in order. */
    public static List<JsonNode> of(Path file, String event) {
        return read(file).stream().filter(n -> n.path("event").asText().equals(event)).toList();
    }

    /** The lines of one event and outcome with this reason. */
    public static List<JsonNode> of(Path file, String event, String reason) {
        return of(file, event).stream().filter(n -> n.path("reason").asText().equals(reason)).toList();
    }
}
