package dev.authbridge.config;

import java.nio.file.Path;

/**
 * Where the audit log (one JSON line per security event) goes ({@code audit}).
 *
 * @param file the file lines are appended to (created owner-only); {@code null} for none
 * @param stdout whether lines are also written to standard output (for container logs)
 */
public record AuditConfig(Path file, boolean stdout) {}
