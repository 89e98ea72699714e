package dev.authbridge.config;

import java.nio.file.Path;

/**
 * Where the audit log (one JSON line per security event) goes ({@code audit}).
 *
 * @param file the file lines are appended to (created owner-only); {@code null} for none
 * @param stdout whether lines are also written to standard output (for container logs)
 * @param failClosed whether a token is withheld when its line cannot be written to {@code file}
 *     (default: the line is dropped, counted, and the request goes on)
 */
public record AuditConfig(Path file, boolean stdout, boolean failClosed) {

    /** Fail-open, the default. */
    public AuditConfig(Path file, boolean stdout) {
        this(file, stdout, false);
    }
}
