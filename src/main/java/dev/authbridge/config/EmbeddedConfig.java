package dev.authbridge.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The in-memory demo directory authbridge starts itself, on loopback.
 *
 * @param port listening port on 127.0.0.1 (0 picks a free one)
 * @param ldif files loaded in order; entries under {@code cn=schema,cn=config} extend the schema
 */
public record EmbeddedConfig(int port, String baseDn, List<Path> ldif) {}
